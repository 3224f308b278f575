// A fresh, uniquely named database on the test Postgres server (BERTH_TEST_PG_URL: a superuser
// URL to the `postgres` database, set by `npm test`), dropped again by `drop()`.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.BERTH_TEST_PG_URL;
  if (!url) throw new Error("BERTH_TEST_PG_URL is not set: run the tests through `npm test`, which starts Postgres.");
  return url;
}

async function onServer<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** `prefix` (letters, digits, underscores) makes leftovers recognisable: <prefix>_<pid>_<random>. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`Invalid test database prefix "${prefix}".`);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // WITH (FORCE) ends connections a test left open (Postgres 13+).
    drop: () => onServer((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
