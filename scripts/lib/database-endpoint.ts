// Which database a maintenance command (db:export, db:import) works on: DATABASE_URL when set,
// else the embedded database in BERTH_DATA_DIR — opened the way the launcher opens it (its lock
// file, so the command is refused while Berth runs on that folder, and a private socket).
import { existsSync } from "node:fs";
import path from "node:path";
import { serveDataFolder } from "./embedded-database";

export interface DatabaseEndpoint {
  url: string;
  /** For messages: "the embedded database in data/pglite" or "DATABASE_URL". */
  where: string;
  /** The embedded data folder (undefined for DATABASE_URL). */
  dataDir?: string;
  close(): Promise<void>;
}

export async function openDatabaseEndpoint(root: string, env: NodeJS.ProcessEnv, opts: { create: boolean }): Promise<DatabaseEndpoint> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, where: "DATABASE_URL", close: async () => {} };
  const dataDir = path.resolve(root, env.BERTH_DATA_DIR ?? "data");
  const folder = path.join(dataDir, "pglite");
  if (!opts.create && !existsSync(folder)) throw new Error(`There is no embedded database in ${folder} (set BERTH_DATA_DIR, or DATABASE_URL for Postgres).`);
  const served = await serveDataFolder(dataDir);
  return { url: served.url, where: `the embedded database in ${folder}`, dataDir, close: served.close };
}
