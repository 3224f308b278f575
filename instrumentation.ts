// Runs once when a server instance starts: a bad configuration stops it with one clear message;
// then the request hook (request ids, request logs and metrics), the graceful shutdown, and the
// periodic background work (webhook outbox, request expiry) of this instance.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/server/env");
    const settings = env();
    const { installHttpHook } = await import("./lib/server/observability/http-hook");
    installHttpHook();
    const { installShutdown } = await import("./lib/server/shutdown");
    installShutdown(settings.BERTH_SHUTDOWN_GRACE_SECONDS);
    const { startDeploymentSweeper } = await import("./lib/server/deployments-sweeper");
    startDeploymentSweeper();
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startBackgroundWork } = await import("./lib/server/background");
      startBackgroundWork();
    }
  }
}
