import "server-only";
import { leaseMs, sweepAbandonedDeployments } from "./deployments-record";
import { log } from "./observability/log";
import { startPeriodic } from "./periodic";

// Every instance sweeps: records whose instance died mid-deploy are finished as failed
// ("abandoned", audited) within about 1.5 leases, whichever instance is still up. Sweeps of
// several instances never collide (SKIP LOCKED in sweepAbandonedDeployments). Started once per
// process by instrumentation.ts.
export function startDeploymentSweeper(): void {
  startPeriodic("deployment-sweeper", Math.max(1000, leaseMs() / 2), async () => {
    const swept = await sweepAbandonedDeployments();
    if (swept) log().warn({ swept }, "finished abandoned deployment records as failed");
  });
}
