// One launcher per data folder: PGlite does not stop a second process from opening the same
// folder, and two writers corrupt it. The lock is a file created with O_EXCL holding the owner's
// pid; a lock left by a dead process (crash, SIGKILL) is taken over.
import { hostname } from "node:os";
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export interface DataDirLock {
  file: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function readOwner(file: string): { raw: string; owner: LockOwner | null } | null {
  try {
    const raw = readFileSync(file, "utf8");
    try {
      return { raw, owner: JSON.parse(raw) as LockOwner };
    } catch {
      return { raw, owner: null }; // half-written by a process that died while writing it
    }
  } catch {
    return null; // vanished meanwhile
  }
}

/** A recorded owner that cannot be running: dead, or our own pid (a container restarted with the same pid). */
function isStale(owner: LockOwner | null): boolean {
  if (!owner || typeof owner.pid !== "number") return true;
  if (owner.host !== hostname()) return false; // cannot check another machine: assume it is running
  return owner.pid === process.pid || !isAlive(owner.pid);
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "berth.lock");
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (readOwner(file)?.owner?.pid === me.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readOwner(file);
    if (current && !isStale(current.owner)) {
      const { pid, host, startedAt } = current.owner!;
      throw new DataDirLockedError(
        `Another Berth launcher (pid ${pid} on ${host}, started ${startedAt}) is using the data folder ${dataDir}. ` +
          `Stop it first, or set BERTH_DATA_DIR to another folder. If you are sure it is not running, delete ${file}.`,
      );
    }
    // Stale: remove it unless it changed since we read it (narrows the race between two takers).
    if (current && readOwner(file)?.raw === current.raw) rmSync(file, { force: true });
  }
  throw new DataDirLockedError(`Could not take the lock ${file}: another launcher keeps taking it.`);
}
