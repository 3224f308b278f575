// The zero-setup default: PGlite persisted in <data>/pglite, owned by this process (lock file) and
// served on a private Unix socket so the app uses the same pg driver adapter as in production.
// The data folder is this user's only (0700): it holds the database and secrets.json (0600).
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { servePglite, type ServedPglite } from "../../prisma/tools/pglite-server";
import { acquireDataDirLock } from "./data-dir-lock";
import { loadOrCreateSecrets } from "./embedded-secrets";

export interface EmbeddedDatabase {
  /** Variables to give the app: DATABASE_URL, BERTH_DB_POOL_MAX and the embedded secrets. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Takes the data folder's lock (refused while another launcher or db:export/db:import holds it)
 * and serves <data>/pglite; `close` stops serving and releases the lock. `prepare` runs under
 * the lock before the database opens.
 */
export async function serveDataFolder(dataDir: string, prepare: () => void = () => {}): Promise<ServedPglite> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700); // also a folder made before Berth did this (or by someone's umask)
  const lock = acquireDataDirLock(dataDir);
  try {
    prepare();
    const served = await servePglite(path.join(dataDir, "pglite"));
    return {
      url: served.url,
      close: async () => {
        try {
          await served.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function openEmbeddedDatabase(dataDir: string, env: NodeJS.ProcessEnv): Promise<EmbeddedDatabase> {
  let secrets: Record<string, string> = {};
  const served = await serveDataFolder(dataDir, () => {
    secrets = loadOrCreateSecrets(dataDir, env);
  });
  // The socket server takes one connection at a time; a bigger pool makes queries fail.
  return { env: { ...secrets, DATABASE_URL: served.url, BERTH_DB_POOL_MAX: "1" }, close: served.close };
}
