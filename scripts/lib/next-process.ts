// Runs `next start` / `next dev` as a child of the launcher with the prepared environment.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export function startNext({ dev, port, env }: { dev: boolean; port: string; env: NodeJS.ProcessEnv }): ChildProcess {
  const nextBin = require.resolve("next/dist/bin/next", { paths: [root] });
  const guard = path.join(__dirname, "exit-with-parent.cjs");
  const peer = path.join(__dirname, "peer-address.cjs"); // the socket address as X-Forwarded-For's last entry
  const nodeOptions = [env.NODE_OPTIONS, `--require ${JSON.stringify(guard)}`, `--require ${JSON.stringify(peer)}`].filter(Boolean).join(" ");
  return spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", port], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NODE_OPTIONS: nodeOptions, BERTH_LAUNCHER_PID: String(process.pid) },
  });
}
