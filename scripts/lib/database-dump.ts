// A portable, logical copy of Berth's data: every table of the public schema (except Prisma's
// `_prisma_migrations`, which the importer rebuilds by applying the same migrations) and every
// column sequence. Written by `npm run db:export`, read by `npm run db:import`: from the embedded
// database to Postgres, from Postgres back to an embedded folder, or as a backup of either.
//
// The file is gzip'd JSON lines: a header naming the migrations the data was written under, then
// per table its columns and rows in batches, then the sequences. Values travel as Postgres' own
// text form (every type parser off), so timestamps, JSON, enums, arrays and bytea come back exactly
// as they were and the audit hash chain verifies unchanged.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";

export const DUMP_FORMAT = "berth-dump";
export const DUMP_VERSION = 1;
const BATCH_ROWS = 500;
const MAX_PARAMS = 30_000; // Postgres allows 65535 bind parameters per statement

type Line =
  | { format: typeof DUMP_FORMAT; version: number; migrations: string[]; createdAt: string }
  | { table: string; columns: string[] }
  | { batch: (string | null)[][] }
  | { sequence: string; value: string; isCalled: boolean }
  | { end: true; tables: number; rows: number };

/** Every value as the text Postgres sent: no parsing, so nothing is lost or reformatted. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export function dumpClient(connectionString: string): pg.Client {
  return new pg.Client({ connectionString, types: rawText });
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function userTables(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function columnsOf(db: pg.Client, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function primaryKey(db: pg.Client, table: string): Promise<string[]> {
  const { rows } = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [ident(table)],
  );
  if (rows.length === 0) throw new Error(`Table ${table} has no primary key: it cannot be copied in pages.`);
  return rows.map((r) => r.attname);
}

/** Foreign keys between public tables: child column → parent table. */
async function foreignKeys(db: pg.Client): Promise<{ child: string; parent: string; columns: string[] }[]> {
  const { rows } = await db.query<{ child: string; parent: string; columns: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)) AS columns
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const bare = (name: string) => name.replace(/^public\./, "").replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  return rows.map((r) => ({ child: bare(r.child), parent: bare(r.parent), columns: r.columns.split(",") }));
}

async function migrationsApplied(db: pg.Client): Promise<string[]> {
  const exists = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '_prisma_migrations'`);
  if (exists.rowCount === 0) return [];
  const { rows } = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

/** Sequences owned by a column (serial / identity), with where they stand. */
async function sequences(db: pg.Client): Promise<{ sequence: string; table: string; column: string }[]> {
  const { rows } = await db.query<{ sequence: string; table: string; column: string }>(
    `SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
     FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     JOIN pg_namespace n ON n.oid = s.relnamespace
     WHERE s.relkind = 'S' AND n.nspname = 'public' ORDER BY s.relname`,
  );
  return rows;
}

/** Writes the whole database as a dump; run it on a database nothing else writes to (Berth stopped). */
export async function exportDatabase(db: pg.Client, file: string): Promise<{ tables: number; rows: number }> {
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = async (line: Line) => {
    if (!gzip.write(JSON.stringify(line) + "\n")) await once(gzip, "drain");
  };
  let total = 0;
  // One snapshot for the whole export, even if something does write meanwhile.
  await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const migrations = await migrationsApplied(db);
    if (migrations.length === 0) throw new Error("This database has no applied migrations: it is not a Berth database (or it is empty).");
    await write({ format: DUMP_FORMAT, version: DUMP_VERSION, migrations, createdAt: new Date().toISOString() });
    // Parents first, so that the importer can insert in file order as it reads.
    const tables = parentsFirst(await userTables(db), await foreignKeys(db));
    for (const table of tables) {
      const columns = await columnsOf(db, table);
      const key = await primaryKey(db, table);
      await write({ table, columns });
      const select = `SELECT ${columns.map(ident).join(", ")} FROM ${ident(table)}`;
      const order = ` ORDER BY ${key.map(ident).join(", ")} LIMIT ${BATCH_ROWS}`;
      const keyAt = key.map((k) => columns.indexOf(k));
      let last: (string | null)[] | null = null;
      for (;;) {
        // Keyset pages: the text of the last key goes back as parameters, cast by Postgres to the column's type.
        const after: string = last ? ` WHERE (${key.map(ident).join(", ")}) > (${key.map((_, i) => `$${i + 1}`).join(", ")})` : "";
        const result: pg.QueryArrayResult<(string | null)[]> = await db.query({ text: select + after + order, values: last ? keyAt.map((i) => last![i]) : [], rowMode: "array" });
        if (result.rows.length === 0) break;
        await write({ batch: result.rows });
        total += result.rows.length;
        last = result.rows[result.rows.length - 1];
        if (result.rows.length < BATCH_ROWS) break;
      }
    }
    for (const s of await sequences(db)) {
      const { rows } = await db.query<{ last_value: string; is_called: string }>(`SELECT last_value, is_called FROM ${ident(s.sequence)}`);
      await write({ sequence: s.sequence, value: rows[0].last_value, isCalled: rows[0].is_called === "t" });
    }
    await write({ end: true, tables: tables.length, rows: total });
    gzip.end();
    await done;
    return { tables: tables.length, rows: total };
  } finally {
    await db.query("ROLLBACK");
  }
}

export async function* readDump(file: string): AsyncGenerator<Line> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Line;
}

/** The migrations a dump was written under (its first line), so the importer can build that schema first. */
export async function dumpMigrations(file: string): Promise<string[]> {
  for await (const line of readDump(file)) {
    if ("format" in line && line.format === DUMP_FORMAT) {
      if (line.version !== DUMP_VERSION) throw new Error(`${file} is a Berth dump of format version ${line.version}; this Berth reads version ${DUMP_VERSION}.`);
      return line.migrations;
    }
    break;
  }
  throw new Error(`${file} is not a Berth dump (made by \`npm run db:export\`).`);
}

/** Which tables hold rows: an import goes into an empty database only. */
export async function nonEmptyTables(db: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const table of await userTables(db)) {
    const { rowCount } = await db.query(`SELECT 1 FROM ${ident(table)} LIMIT 1`);
    if (rowCount) out.push(table);
  }
  return out;
}

/**
 * Loads a dump into a database whose schema is at the dump's migrations and whose tables are
 * empty, in ONE transaction: it loads completely or not at all. The file lists parents first
 * (foreign keys), so rows are inserted as they are read; a column referring to its own table (a
 * redeploy's `replayOfId`) is filled in a second pass. Triggers run as on any insert (the
 * deployment-number trigger keeps explicit numbers).
 */
export async function importDatabase(db: pg.Client, file: string): Promise<{ tables: number; rows: number }> {
  const present = new Set(await userTables(db));
  const fks = await foreignKeys(db);
  type Table = { name: string; columns: string[]; deferred: number[]; key: string[]; later: (string | null)[][] };
  let table: Table | null = null;
  let tables = 0;
  let total = 0;
  let ended = false;
  const finishTable = async (t: Table) => {
    // The second pass: self-references, now that every row of the table exists.
    for (const row of t.later) {
      const sets = t.deferred.map((i, n) => `${ident(t.columns[i])} = $${n + 1}`).join(", ");
      const where = t.key.map((k, n) => `${ident(k)} = $${t.deferred.length + n + 1}`).join(" AND ");
      await db.query(`UPDATE ${ident(t.name)} SET ${sets} WHERE ${where}`, [...t.deferred.map((i) => row[i]), ...t.key.map((k) => row[t.columns.indexOf(k)])]);
    }
  };
  await db.query("BEGIN");
  try {
    for await (const line of readDump(file)) {
      if ("table" in line) {
        if (table) await finishTable(table);
        if (!present.has(line.table)) throw new Error(`The target database has no table ${line.table}: its schema does not match the dump's migrations.`);
        const selfRef = new Set(fks.filter((f) => f.child === line.table && f.parent === line.table).flatMap((f) => f.columns));
        const deferred = line.columns.map((c, i) => (selfRef.has(c) ? i : -1)).filter((i) => i >= 0);
        table = { name: line.table, columns: line.columns, deferred, key: deferred.length ? await primaryKey(db, line.table) : [], later: [] };
        tables++;
      } else if ("batch" in line && table) {
        const t: Table = table;
        const perStatement = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMS / t.columns.length)));
        for (let start = 0; start < line.batch.length; start += perStatement) {
          const batch = line.batch.slice(start, start + perStatement);
          const values: (string | null)[] = [];
          const tuples = batch.map((row) => `(${row.map((v, i) => (values.push(t.deferred.includes(i) ? null : v), `$${values.length}`)).join(", ")})`);
          await db.query(`INSERT INTO ${ident(t.name)} (${t.columns.map(ident).join(", ")}) VALUES ${tuples.join(", ")}`, values);
          for (const row of batch) if (t.deferred.some((i) => row[i] !== null)) t.later.push(row);
        }
        total += line.batch.length;
      } else if ("sequence" in line) {
        if (table) await finishTable(table);
        table = null;
        await db.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [ident(line.sequence), line.value, line.isCalled]);
      } else if ("end" in line) {
        if (table) await finishTable(table);
        table = null;
        if (line.rows !== total || line.tables !== tables) throw new Error(`${file} says ${line.tables} tables and ${line.rows} rows, but ${tables} and ${total} were read.`);
        ended = true;
      }
    }
    // Without the end marker the export was cut short: load nothing rather than part of it.
    if (!ended) throw new Error(`${file} is incomplete (no end marker): the export was interrupted. Export again.`);
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  }
  return { tables, rows: total };
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export function parentsFirst(tables: string[], fks: { child: string; parent: string }[]): string[] {
  const out: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === "done") return;
    if (state.get(t) === "visiting") throw new Error(`Foreign keys form a cycle (${[...path, t].join(" → ")}): the dump cannot be loaded table by table.`);
    state.set(t, "visiting");
    for (const fk of fks) if (fk.child === t && fk.parent !== t && tables.includes(fk.parent)) visit(fk.parent, [...path, t]);
    state.set(t, "done");
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return out;
}
