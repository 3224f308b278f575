// The driver adapter the schema engine uses to introspect a database. @prisma/adapter-pg 7.10 has
// no column-type mapping for Postgres' internal `"char"` type (OID 18), which the engine's catalog
// queries return (e.g. pg_constraint.contype once a CHECK constraint exists) and read as a
// character. We let pg report such fields as text, remember their positions on the result's row
// array (the adapter passes that array through), and fix the column types after the adapter mapped.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumnsByRows = new WeakMap<object, number[]>();

type PgResult = { fields?: { dataTypeID: number }[]; rows?: unknown[] } | undefined;

function markCharColumns(result: PgResult | PgResult[]): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    const positions: number[] = [];
    r?.fields?.forEach((field, i) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      positions.push(i);
    });
    if (positions.length > 0 && r?.rows) charColumnsByRows.set(r.rows, positions);
  }
}

/** Wraps a pg client's `query` (callback and promise forms; pg's pool uses the former). */
function patchClient(client: pg.Client): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (err: unknown, res: PgResult) => {
        if (!err) markCharColumns(res);
        callback(err, res);
      };
      return original(...args);
    }
    const result = original(...args);
    return result instanceof Promise ? result.then((res: PgResult) => (markCharColumns(res), res)) : result;
  };
}

function withCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of charColumnsByRows.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

function withCharColumnsAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => withCharColumns(await startTransaction(isolationLevel));
  return withCharColumns(adapter);
}

/** An adapter factory for the schema engine on `connectionString` (one connection, as PGlite needs). */
export function migrationAdapterFactory(connectionString: string): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  end(): Promise<void>;
} {
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on("connect", patchClient);
  const base = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => withCharColumnsAdapter(await base.connect()),
    // `create` diffs against the database it is given, which already is a throwaway shadow.
    connectToShadowDb: () => Promise.reject(new Error("no shadow database: diff against the given database")),
  };
  return { factory, end: () => pool.end() };
}
