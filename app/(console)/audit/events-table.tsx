import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/i18n/format";
import type { AuditEventRow } from "@/lib/server/audit-query";
import { place, target } from "./format";

export function EventsTable({ events }: { events: AuditEventRow[] }) {
  const t = useTranslations("audit");
  const locale = useLocale();
  return (
    <div className="card overflow-x-auto">
      <table className="data-table" data-testid="audit-events">
        <thead>
          <tr>
            <th>{t("col.time")}</th>
            <th>{t("col.actor")}</th>
            <th>{t("col.action")}</th>
            <th>{t("col.target")}</th>
            <th>{t("col.place")}</th>
            <th>{t("col.result")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const time = formatDateTime(locale, e.createdAt);
            return (
              <tr key={e.id} data-event-id={e.id}>
                <td className="whitespace-nowrap">
                  <Link href={`/audit/${e.id}`} className="text-brand-700 hover:underline" aria-label={t("eventLink", { id: e.id, action: e.action, time })}>
                    {time}
                  </Link>
                </td>
                <td className="break-words">{e.actorEmail || <span className="text-slate-400">{t("system")}</span>}</td>
                <td className="font-mono text-xs">{e.action}</td>
                <td className="break-words">{target(e)}</td>
                <td>{place(e)}</td>
                <td>
                  <span className={`badge ${e.result === "success" ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>{e.result === "success" ? t("results.success") : t("results.failure")}</span>
                  {e.reason ? <p className="mt-1 max-w-xs text-xs text-slate-600">{e.reason}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Keyset links: "Newer" and "Next page" (older) keep the filter and carry the edge cursor. */
export function Pager({ query, newer, older }: { query: URLSearchParams; newer?: string; older?: string }) {
  const t = useTranslations("audit");
  const href = (key: "before" | "after", cursor: string) => {
    const q = new URLSearchParams(query);
    q.set(key, cursor);
    return `/audit?${q.toString()}`;
  };
  if (!newer && !older) return null;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex justify-between">
      {newer ? (
        <Link href={href("after", newer)} className="btn-secondary">
          {t("newer")}
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={href("before", older)} className="btn-secondary">
          {t("older")}
        </Link>
      ) : null}
    </nav>
  );
}
