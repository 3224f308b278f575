import type { HealthView, SyncView } from "@/lib/applications/live-state";

// Health and sync badges (list and detail pages).
const HEALTH_STYLE: Record<string, string> = {
  Healthy: "bg-green-100 text-green-800",
  Progressing: "bg-blue-100 text-blue-800",
  Degraded: "bg-red-100 text-red-800",
  Missing: "bg-amber-100 text-amber-800",
  Unknown: "bg-slate-100 text-slate-700",
};
const SYNC_STYLE: Record<string, string> = {
  "In sync": "bg-green-100 text-green-800",
  Drifted: "bg-amber-100 text-amber-800",
  "Missing objects": "bg-red-100 text-red-800",
  Unknown: "bg-slate-100 text-slate-700",
};

export function HealthBadge({ health }: { health: HealthView }) {
  const count = health.state === "Unknown" || health.state === "Missing" ? "" : ` ${health.ready}/${health.desired}`;
  return (
    <span title={health.reason || undefined}>
      <span className={`badge ${HEALTH_STYLE[health.state]}`} data-testid="health">{health.state}{count}</span>
      {health.reason ? <span className="ml-1 block text-xs text-slate-600">{health.reason}</span> : null}
    </span>
  );
}

export function syncLabel(sync: SyncView): string {
  if (sync.state === "Drifted") return `Drifted (${sync.drifted.length} field${sync.drifted.length === 1 ? "" : "s"})`;
  if (sync.state === "Missing objects") return `Missing objects (${sync.missing.length})`;
  return sync.state;
}

export function SyncBadge({ sync }: { sync: SyncView }) {
  return (
    <span title={sync.reason || undefined}>
      <span className={`badge ${SYNC_STYLE[sync.state]}`} data-testid="sync">{syncLabel(sync)}</span>
      {sync.reason ? <span className="ml-1 block text-xs text-slate-600">{sync.reason}</span> : null}
    </span>
  );
}

export function LiveUnavailable({ message, testId = "live-unavailable" }: { message: string; testId?: string }) {
  return (
    <span className="text-xs text-slate-600" data-testid={testId}>
      <span className={`badge ${HEALTH_STYLE.Unknown}`}>Unknown</span> {message}
    </span>
  );
}
