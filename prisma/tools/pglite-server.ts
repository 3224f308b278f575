// Serves one PGlite database over the Postgres wire protocol on loopback, so that code written for
// a real server (pg, @prisma/adapter-pg) works unchanged. Used by the embedded launcher (persisted
// folder) and by `migrate create` (in-memory shadow database).
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createInMemoryPglite } from "./pglite-template";

export interface ServedPglite {
  /** Connection string for pg clients; use a pool of at most one connection. */
  url: string;
  close(): Promise<void>;
}

/** Opens PGlite (persisted in `dataDir`, or in memory when omitted) and serves it on a free port. */
export async function servePglite(dataDir?: string): Promise<ServedPglite> {
  // PGlite does not create parent folders itself.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create({ dataDir }) : await createInMemoryPglite();
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = server.getServerConn().split(":").pop();
  let closing: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    close: () =>
      (closing ??= (async () => {
        await server.stop();
        await db.close();
      })()),
  };
}
