// Preloaded into the Next process (NODE_OPTIONS=--require) by the launcher, which passes its pid
// in BERTH_LAUNCHER_PID. If the launcher dies without stopping us (SIGKILL, OOM), our parent pid
// changes: shut down rather than serve on without a database. Node has no PR_SET_PDEATHSIG: poll.
// Comparing with the launcher's pid (not our ppid at start) also covers a launcher that died
// before this file ran. Next's own subprocesses inherit NODE_OPTIONS but not the variable (we
// remove it), so they leave the watching to their parent.
const launcherPid = Number(process.env.BERTH_LAUNCHER_PID);
delete process.env.BERTH_LAUNCHER_PID;

if (launcherPid) {
  const timer = setInterval(() => {
    if (process.ppid === launcherPid) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM"); // Next's graceful shutdown
    setTimeout(() => process.exit(1), 10_000).unref(); // in case SIGTERM is handled but not acted on
  }, 1000);
  timer.unref();
}
