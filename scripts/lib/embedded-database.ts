// The zero-setup default: PGlite persisted in <data>/pglite, owned by this process (lock file) and
// served on a private Unix socket so the app uses the same pg driver adapter as in production.
// The data folder is this user's only (0700): it holds the database and secrets.json (0600).
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { servePglite } from "../../prisma/tools/pglite-server";
import { acquireDataDirLock } from "./data-dir-lock";
import { loadOrCreateSecrets } from "./embedded-secrets";

export interface EmbeddedDatabase {
  /** Variables to give the app: DATABASE_URL, BERTH_DB_POOL_MAX and the embedded secrets. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function openEmbeddedDatabase(dataDir: string, env: NodeJS.ProcessEnv): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700); // also a folder made before Berth did this (or by someone's umask)
  const lock = acquireDataDirLock(dataDir);
  try {
    const secrets = loadOrCreateSecrets(dataDir, env);
    const served = await servePglite(path.join(dataDir, "pglite"));
    return {
      // The socket server takes one connection at a time; a bigger pool makes queries fail.
      env: { ...secrets, DATABASE_URL: served.url, BERTH_DB_POOL_MAX: "1" },
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
