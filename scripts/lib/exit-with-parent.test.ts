import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const guard = path.join(__dirname, "exit-with-parent.cjs");

/** Running, and not a zombie waiting for pid 1 to reap it. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntilStopped(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isRunning(pid);
}

/** A stand-in launcher: spawns a guarded "server" exactly as next-process.ts does, prints its pid. */
function startLauncher(): Promise<{ launcher: ReturnType<typeof spawn>; serverPid: number }> {
  const code = `const c = require("node:child_process").spawn(process.execPath,
    ["--require", ${JSON.stringify(guard)}, "-e", "setInterval(() => {}, 1000)"],
    { stdio: "ignore", env: { ...process.env, BERTH_LAUNCHER_PID: String(process.pid) } });
  console.log(c.pid); setInterval(() => {}, 1000);`;
  const launcher = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => launcher.stdout!.once("data", (d: Buffer) => resolve({ launcher, serverPid: Number(d.toString()) })));
}

describe("exit-with-parent guard (keeps Next from outliving a killed launcher)", () => {
  it("stops the server soon after the launcher is SIGKILLed, even right after spawning it", async () => {
    const { launcher, serverPid } = await startLauncher();
    launcher.kill("SIGKILL"); // likely before the server even ran the guard
    expect(await waitUntilStopped(serverPid, 8000)).toBe(true);
  }, 15_000);

  it("keeps the server running while the launcher lives", async () => {
    const { launcher, serverPid } = await startLauncher();
    try {
      expect(await waitUntilStopped(serverPid, 2500)).toBe(false);
    } finally {
      process.kill(serverPid, "SIGKILL");
      launcher.kill("SIGKILL");
    }
  }, 15_000);
});
