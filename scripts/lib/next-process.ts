// Runs `next start` / `next dev` as a child of the launcher with the prepared environment.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export function startNext({ dev, port, env }: { dev: boolean; port: string; env: NodeJS.ProcessEnv }): ChildProcess {
  const nextBin = require.resolve("next/dist/bin/next", { paths: [root] });
  const guard = path.join(__dirname, "exit-with-parent.cjs");
  const peer = path.join(__dirname, "peer-address.cjs"); // the socket address as X-Forwarded-For's last entry
  const json = path.join(__dirname, "json-console.cjs"); // Next's console lines as JSON log lines (not in dev: people read those)
  const preloads = [guard, peer, ...(dev ? [] : [json])].map((file) => `--require ${JSON.stringify(file)}`);
  const nodeOptions = [env.NODE_OPTIONS, ...preloads].filter(Boolean).join(" ");
  return spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", port], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NODE_OPTIONS: nodeOptions, BERTH_LAUNCHER_PID: String(process.pid) },
  });
}
