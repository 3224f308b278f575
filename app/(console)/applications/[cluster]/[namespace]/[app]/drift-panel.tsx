import { utcTime } from "@/app/_components/format-time";
import { applicationDrift } from "@/lib/server/applications-drift";
import type { AppKey } from "@/lib/server/applications-input";
import type { Ctx } from "@/lib/server/authz";
import { LiveUnavailable } from "../../../live-badges";
import { SyncButton } from "./app-actions";

// Drift as Kubernetes sees it: a server-side apply dry run of the last applied manifest, the
// fields a sync would change, and who changed each (managedFields). Sync redeploys that record.
const show = (v: unknown) => (v === undefined ? "(unset)" : typeof v === "string" ? v : JSON.stringify(v));

export async function DriftPanel({ ctx, appKey, canSync }: { ctx: Ctx; appKey: AppKey; canSync: boolean }) {
  const drift = await applicationDrift(ctx, appKey);
  const changed = drift.objects.filter((o) => o.state !== "in_sync");
  return (
    <section aria-labelledby="drift-h" className="card space-y-3 p-4" data-testid="drift">
      <h2 id="drift-h" className="text-base font-semibold">Drift from the last applied manifest</h2>
      {drift.state !== "ok" ? (
        <LiveUnavailable message={drift.message} />
      ) : changed.length === 0 ? (
        <p className="text-sm text-green-800" data-testid="drift-none">In sync: applying the last record again would change nothing.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {changed.map((o) => (
            <li key={`${o.kind}/${o.name}`} data-testid="drift-object">
              <span className="font-mono text-xs">{o.kind}/{o.name}</span>{" "}
              {o.state === "missing" ? <span className="badge bg-red-100 text-red-800">missing (deleted by hand?)</span> : null}
              {o.state === "error" ? <span className="text-amber-800">{o.error}</span> : null}
              <ul className="ml-4 list-disc">
                {o.fields.map((f) => (
                  <li key={f.path} data-testid="drift-field">
                    <code className="text-xs">{f.path}</code>
                    {f.manager ? <> changed by <strong>{f.manager}</strong>{f.changedAt ? ` at ${utcTime(new Date(f.changedAt))}` : ""}</> : null}: {"applied" in f ? show(f.applied) : "(the record's value is not shown: private template)"} → {show(f.live)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {/* Always rendered when allowed, so its result stays on screen after the page refreshes in sync. */}
      {canSync && drift.canSync && drift.state === "ok" ? <SyncButton k={appKey} /> : null}
      {canSync && !drift.canSync && changed.length > 0 ? <p className="text-xs text-slate-600">Only the person who deployed it, or a team owner or admin, can sync it.</p> : null}
    </section>
  );
}
