// Serves one PGlite database over the Postgres wire protocol, so that code written for a real
// server (pg, @prisma/adapter-pg) works unchanged. Used by the embedded launcher (persisted folder)
// and by `migrate create` (in-memory shadow database).
//
// PGlite accepts any user and password, so it is served on a Unix socket inside a fresh folder
// only this user can enter (mkdtemp: mode 0700), never on a TCP port other local users could reach.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PGLITE_EXTENSIONS } from "./pglite-extensions";
import { createInMemoryPglite } from "./pglite-template";

// connectWhenFree lives in connect-when-free.ts (no PGlite import: the image's migration runner bundles it).
export { connectWhenFree } from "./connect-when-free";

export interface ServedPglite {
  /** Connection string for pg clients; use a pool of at most one connection. */
  url: string;
  close(): Promise<void>;
}

/** Opens PGlite (persisted in `dataDir`, or in memory when omitted) and serves it on a private Unix socket. */
export async function servePglite(dataDir?: string): Promise<ServedPglite> {
  // PGlite does not create parent folders itself.
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = dataDir ? await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS }) : await createInMemoryPglite();
  // A short path under the temporary folder: a socket path is limited to ~107 bytes.
  const socketDir = await mkdtemp(path.join(tmpdir(), "berth-pg-"));
  // pg (libpq's convention) connects to <host>/.s.PGSQL.<port>
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, ".s.PGSQL.5432") });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`,
    close: () =>
      (closing ??= (async () => {
        try {
          await server.stop();
          await db.close();
        } finally {
          await rm(socketDir, { recursive: true, force: true });
        }
      })()),
  };
}
