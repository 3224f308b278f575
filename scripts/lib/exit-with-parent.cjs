// Preloaded into the Next process (NODE_OPTIONS=--require): if the launcher dies without being
// able to stop us (SIGKILL, OOM), our parent pid changes; then shut down instead of serving on
// without a database. Node has no PR_SET_PDEATHSIG, so poll.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000).unref();
