// The zero-setup default: PGlite persisted in <data>/pglite, owned by this process (lock file) and
// served on loopback so the app uses the same pg driver adapter as in production.
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
