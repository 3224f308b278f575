import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/i18n/format";
import type { HistoryEntry } from "@/lib/server/applications";
import type { AppKey } from "@/lib/server/applications-input";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { RollbackButton } from "./app-actions";

// Every deploy / redeploy / undeploy of this app here, newest first, with the manifest diff
// from the record before it and a one-click rollback (the normal redeploy path).
export function HistoryPanel({ appKey, history, canRollback }: { appKey: AppKey; history: HistoryEntry[]; canRollback: boolean }) {
  const t = useTranslations("applications");
  const locale = useLocale();
  const tDeployments = useTranslations("deployments");
  return (
    <section aria-labelledby="history-h" className="card space-y-3 p-4">
      <h2 id="history-h" className="text-base font-semibold">{t("history.title")}</h2>
      <ol className="space-y-3">
        {history.map((h, i) => (
          <li key={h.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Link className="text-brand-700 underline" href={`/deployments/${h.id}`}>{`#${h.number} ${tDeployments(`kind.${h.kind as "deploy" | "redeploy" | "undeploy"}`)}`}</Link>
              <DeploymentStatusBadge status={h.status} />
              <span>{t("byWhen", { actor: h.actorName, time: formatDateTime(locale, h.startedAt) })}</span>
              {h.template ? <Link className="text-brand-700 underline" href={`/templates/${h.template.id}`}>{t("templateVersion", { name: h.template.name, version: h.template.version ?? "?" })}</Link> : null}
              {h.reason ? <span className="text-slate-600">“{h.reason}”</span> : null}
              {canRollback && h.canRollback && i > 0 && h.kind !== "undeploy" && h.status === "applied" ? <span className="ml-auto"><RollbackButton k={appKey} deploymentId={h.id} /></span> : null}
            </div>
            {h.diff ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-600">{t("history.changes")}</summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid="history-diff">{h.diff}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
