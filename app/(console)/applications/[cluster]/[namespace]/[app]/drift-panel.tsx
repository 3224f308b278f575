import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/i18n/format";
import type { Msg } from "@/lib/i18n/message";
import { applicationDrift } from "@/lib/server/applications-drift";
import type { AppKey } from "@/lib/server/applications-input";
import type { Ctx } from "@/lib/server/authz";
import { LiveUnavailable } from "../../../live-badges";
import { SyncButton } from "./app-actions";

// Drift as Kubernetes sees it: a server-side apply dry run of the last applied manifest, the
// fields a sync would change, and who changed each (managedFields). Sync redeploys that record.
const show = (v: unknown, unset: string) => (v === undefined ? unset : typeof v === "string" ? v : JSON.stringify(v));

export async function DriftPanel({ ctx, appKey, canSync }: { ctx: Ctx; appKey: AppKey; canSync: boolean }) {
  const [drift, t, locale] = await Promise.all([applicationDrift(ctx, appKey), getTranslations("applications.drift"), getLocale()]);
  const changed = drift.objects.filter((o) => o.state !== "in_sync");
  return (
    <section aria-labelledby="drift-h" className="card space-y-3 p-4" data-testid="drift">
      <h2 id="drift-h" className="text-base font-semibold">{t("title")}</h2>
      {drift.state !== "ok" ? (
        <LiveUnavailable message={drift.message} msg={(drift as { msg?: Msg }).msg} />
      ) : changed.length === 0 ? (
        <p className="text-sm text-green-800" data-testid="drift-none">{t("none")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {changed.map((o) => (
            <li key={`${o.kind}/${o.name}`} data-testid="drift-object">
              <span className="font-mono text-xs">{o.kind}/{o.name}</span>{" "}
              {o.state === "missing" ? <span className="badge bg-red-100 text-red-800">{t("missing")}</span> : null}
              {o.state === "error" ? <span className="text-amber-800">{o.error}</span> : null}
              <ul className="ml-4 list-disc">
                {o.fields.map((f) => (
                  <li key={f.path} data-testid="drift-field">
                    <code className="text-xs">{f.path}</code>
                    {f.manager ? <> {t("changedBy")} <strong>{f.manager}</strong>{f.changedAt ? ` ${t("at", { time: formatDateTime(locale, new Date(f.changedAt)) })}` : ""}</> : null}: {"applied" in f ? show(f.applied, t("unset")) : t("private")} → {show(f.live, t("unset"))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {/* Always rendered when allowed, so its result stays on screen after the page refreshes in sync. */}
      {canSync && drift.canSync && drift.state === "ok" ? <SyncButton k={appKey} /> : null}
      {canSync && !drift.canSync && changed.length > 0 ? <p className="text-xs text-slate-600">{t("cannotSync")}</p> : null}
    </section>
  );
}
