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

/**
 * Connects a new client, retrying for a few seconds while the server still counts the previous
 * connection (the socket server takes one at a time and notices a closed one a moment later;
 * it refuses the next with "Too many connections" or a broken pipe). Harmless on Postgres.
 */
export async function connectWhenFree<C extends { connect(): Promise<unknown>; end(): Promise<unknown> }>(make: () => C, timeoutMs = 10_000): Promise<C> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const client = make();
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      const text = `${(error as { code?: string }).code ?? ""} ${(error as Error).message ?? ""}`;
      if (Date.now() > deadline || !/EPIPE|ECONNRESET|Too many connections|Connection terminated/i.test(text)) throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
