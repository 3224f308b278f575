import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { RequestStatusBadge } from "@/app/_components/request-status";
import { listDeployRequests, type RequestFilter } from "@/lib/server/deploy-requests-query";
import { requireTeamWorkspace } from "@/lib/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("approvals"))("title") };
}

const SCOPES: RequestFilter["scope"][] = ["waiting", "mine", "all"];

// Deploy requests to protected clusters: those waiting for my decision first (the navigation
// badge counts them), my own, or every request I may see.
export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ scope?: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const t = await getTranslations("approvals");
  const { scope: raw } = await searchParams;
  const scope = SCOPES.find((s) => s === raw) ?? "waiting";
  const requests = await listDeployRequests(ctx, { scope });
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("whichRequests")} className="flex gap-2">
        {SCOPES.map((s) => (
          <Link key={s} href={`/approvals?scope=${s}`} aria-current={s === scope ? "page" : undefined} className={s === scope ? "btn-primary" : "btn-secondary"}>
            {t(`scope.${s}`)}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? (
        <EmptyState title={scope === "waiting" ? t("nothingWaits") : t("noRequests")}>{t("emptyHint")}</EmptyState>
      ) : (
        <table className="data-table" aria-label={t("requests")}>
          <thead>
            <tr>
              <th>{t("col.request")}</th>
              <th>{t("col.where")}</th>
              <th>{t("col.requestedBy")}</th>
              <th>{t("col.approvals")}</th>
              <th>{t("col.status")}</th>
              <th>{t("col.expires")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-testid={`request-${r.appName}`}>
                <td>
                  <Link className="text-brand-700 underline" href={`/approvals/${r.id}`}>
                    {r.kind} {r.appName}
                  </Link>
                  {r.reason ? <p className="text-xs text-slate-500">{r.reason}</p> : null}
                </td>
                <td>
                  {r.cluster}/{r.namespace}
                </td>
                <td>{r.requester}</td>
                <td>{t("nOfM", { n: r.approvals, m: r.required })}</td>
                <td>
                  <RequestStatusBadge status={r.status} />
                  {r.waitingForMe ? <span className="badge ml-1 bg-amber-100 text-amber-900">{t("yourTurn")}</span> : null}
                </td>
                <td className="whitespace-nowrap text-xs">{utcTime(r.expiresAt, "minute")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
