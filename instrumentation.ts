// Runs once when a server instance starts: a bad configuration stops it with one clear message;
// then the request hook (request ids, request logs and metrics) and the graceful shutdown.
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
  }
}
