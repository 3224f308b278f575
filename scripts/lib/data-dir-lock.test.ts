import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./data-dir-lock";

const root = path.resolve(__dirname, "../..");
let dataDir: string;
let holder: ChildProcess | undefined;

beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), "berth-lock-")), "nested", "data");
});
afterEach(() => {
  holder?.kill("SIGKILL");
  holder = undefined;
  rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
});

/** Another process (as a second launcher would be) that takes the lock and keeps it. */
async function lockInAnotherProcess(): Promise<ChildProcess> {
  const code = `require(${JSON.stringify(path.join(__dirname, "data-dir-lock.ts"))}).acquireDataDirLock(${JSON.stringify(dataDir)});
console.log("locked"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", code], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe("acquireDataDirLock", () => {
  it("creates the data folder and releases the lock", () => {
    const lock = acquireDataDirLock(dataDir);
    expect(JSON.parse(readFileSync(lock.file, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataDirLock(dataDir).release(); // free again
  });

  it("refuses while another live launcher holds the lock, and takes it over once that one died", async () => {
    holder = await lockInAnotherProcess();
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(new RegExp(`Another Berth launcher \\(pid ${holder.pid} `));

    holder.kill("SIGKILL");
    await new Promise((resolve) => holder!.once("exit", resolve));
    const lock = acquireDataDirLock(dataDir); // stale: its owner is gone
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
  }, 30_000);

  it("takes over a lock file that is unreadable (owner died while writing it)", () => {
    acquireDataDirLock(dataDir).release();
    writeFileSync(path.join(dataDir, "berth.lock"), "{");
    acquireDataDirLock(dataDir).release();
  });

  it("does not remove a lock that another process took meanwhile", () => {
    const lock = acquireDataDirLock(dataDir);
    writeFileSync(lock.file, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "x" }));
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
  });
});
