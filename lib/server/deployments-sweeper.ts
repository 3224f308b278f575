import "server-only";
import { leaseMs, sweepAbandonedDeployments } from "./deployments-record";

// Every instance sweeps: records whose instance died mid-deploy are finished as failed
// ("abandoned", audited) within about 1.5 leases, whichever instance is still up. Sweeps of
// several instances never collide (SKIP LOCKED in sweepAbandonedDeployments). Started once per
// process by instrumentation.ts; the timer does not keep the process alive.
const state = globalThis as unknown as { berthSweeper?: NodeJS.Timeout };

export function startDeploymentSweeper(): void {
  if (state.berthSweeper) return;
  let failing = false;
  const sweep = async () => {
    try {
      const swept = await sweepAbandonedDeployments();
      if (swept) console.warn(`Finished ${swept} abandoned deployment record(s) as failed.`);
      failing = false;
    } catch (error) {
      // The database may be away for a while (restart, failover): say so once, keep trying.
      if (!failing) console.error("Sweeping abandoned deployment records failed (will retry):", error instanceof Error ? error.message : error);
      failing = true;
    }
  };
  state.berthSweeper = setInterval(() => void sweep(), Math.max(1000, leaseMs() / 2));
  state.berthSweeper.unref();
}
