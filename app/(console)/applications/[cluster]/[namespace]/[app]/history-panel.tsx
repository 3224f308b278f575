import Link from "next/link";
import type { HistoryEntry } from "@/lib/server/applications";
import type { AppKey } from "@/lib/server/applications-input";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { when } from "../../../../deployments/format";
import { RollbackButton } from "./app-actions";

// Every deploy / redeploy / undeploy of this app here, newest first, with the manifest diff
// from the record before it and a one-click rollback (the normal redeploy path).
export function HistoryPanel({ appKey, history, canRollback }: { appKey: AppKey; history: HistoryEntry[]; canRollback: boolean }) {
  return (
    <section aria-labelledby="history-h" className="card space-y-3 p-4">
      <h2 id="history-h" className="text-base font-semibold">History</h2>
      <ol className="space-y-3">
        {history.map((h, i) => (
          <li key={h.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Link className="text-brand-700 underline" href={`/deployments/${h.id}`}>{`#${h.number} ${h.kind}`}</Link>
              <DeploymentStatusBadge status={h.status} />
              <span>{h.actorName} · {when(h.startedAt)}</span>
              {h.template ? <Link className="text-brand-700 underline" href={`/templates/${h.template.id}`}>{h.template.name} v{h.template.version ?? "?"}</Link> : null}
              {h.reason ? <span className="text-slate-600">“{h.reason}”</span> : null}
              {canRollback && h.canRollback && i > 0 && h.kind !== "undeploy" && h.status === "applied" ? <span className="ml-auto"><RollbackButton k={appKey} deploymentId={h.id} /></span> : null}
            </div>
            {h.diff ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-600">Changes from the record before</summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid="history-diff">{h.diff}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
