// Helper for lifecycle.integration.test.ts: starts a control plane, prints its run dir and
// pids as one JSON line, then waits (to be killed with SIGKILL by the test).
import { startControlPlane } from "../control-plane";

void (async () => {
  const cp = await startControlPlane({ nodes: 1, log: () => undefined });
  process.stdout.write(JSON.stringify({ runDir: cp.runDir, pids: cp.processes().map((p) => p.pid) }) + "\n");
  setInterval(() => undefined, 60_000);
})();
