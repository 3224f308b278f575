// A freshly initialised PGlite cluster, as a tarball. Creating an in-memory PGlite runs initdb,
// which takes most of `migrate create`'s time (4–8 s here); loading this snapshot takes ~2 s.
// Kept in memory for the process and on disk (node_modules/.cache, keyed by PGlite's version).
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./pglite-extensions";

const require = createRequire(import.meta.url);
let template: Promise<Blob | undefined> | undefined;

function cacheFile(): string {
  // The package does not export its package.json: walk up from its entry point.
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const nodeModules = dir.slice(0, dir.lastIndexOf("node_modules") + "node_modules".length);
  return path.join(nodeModules, ".cache", "berth", `pglite-${version}-initdb.tar.gz`);
}

async function readTemplate(file: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)]);
  } catch {
    return undefined;
  }
}

async function writeTemplate(file: string, blob: Blob): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await blob.arrayBuffer()));
  await rename(tmp, file);
}

/** An empty in-memory database, from the snapshot when there is a good one. */
export async function createInMemoryPglite(): Promise<PGlite> {
  const file = cacheFile();
  template ??= readTemplate(file);
  const snapshot = await template;
  if (snapshot) {
    try {
      return await PGlite.create({ loadDataDir: snapshot, extensions: PGLITE_EXTENSIONS });
    } catch {
      template = undefined; // unusable (e.g. truncated): rebuild it below
    }
  }
  const db = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const fresh = await db.dumpDataDir("gzip");
  template = Promise.resolve(fresh);
  await writeTemplate(file, fresh).catch(() => {}); // a read-only node_modules only costs speed
  return db;
}
