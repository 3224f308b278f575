/**
 * Audit review benchmark: seeds 1,000,000 audit events across 50 teams, then measures the review
 * query's server time for typical filters and the export's throughput. Run:
 *   npx tsx bench/audit.bench.ts            (BERTH_TEST_PG_URL = a superuser URL; without it a
 *                                            private Postgres is started via scripts/test-postgres.sh)
 * The SQL is built by lib/audit/review-sql.ts, exactly as the data layer builds it, and timed two
 * ways: the server's own execution time (EXPLAIN ANALYZE) and the round trip of the plain query.
 * Export = the same keyset batches (1,000 rows, every column) formatted by the same CSV writer.
 * Seeded rows carry random hashes: the chains are NOT valid (verify is not what this measures).
 * This prints figures; it asserts nothing. BENCH_EVENTS / BENCH_TEAMS / BENCH_RUNS resize it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { EXPORT_WRITERS, type ExportRow } from "../lib/audit/export-format";
import { ALL_COLUMNS, buildReviewSql, managerScope, narrowScope, ownScope, type Branch, type PageRequest } from "../lib/audit/review-sql";
import type { ReviewFilter } from "../lib/audit/review-filter";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { createTestDatabase } from "../scripts/test-support/test-database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const TEAMS = Number(process.env.BENCH_TEAMS ?? 50);
const MEMBERS = 20; // per team
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PAGE = 51; // the page shows 50 and asks for one more
const DAY = 86_400_000;
const START = Date.parse("2025-11-25T00:00:00Z");
const SPAN_DAYS = 365;

const root = path.resolve(__dirname, "..");
const team = (t: number) => `team-${String(t).padStart(3, "0")}`;
const member = (t: number, m: number) => `user-${String(t).padStart(3, "0")}-${String(m).padStart(2, "0")}`;
const members = (t: number) => Array.from({ length: MEMBERS }, (_, m) => member(t, m));

// ~6% of events are sign-ins/outs (chain "global"); the rest belong to a team, by a member of it.
// createdAt grows with id (as in production) over one year. Deploy actions are ~30% of team events.
const SEED_SQL = `
  SELECT setseed(0.42);
  INSERT INTO "AuditEvent" ("chainKey","teamId","actorId","actorEmail","action","targetType","targetId","targetName",
    "clusterId","clusterName","namespace","summary","result","reason","ip","userAgent","requestId","createdAt","prevHash","hash")
  SELECT
    CASE WHEN g THEN 'global' ELSE tm END, CASE WHEN g THEN NULL ELSE tm END, actor, actor || '@bench.test',
    act, CASE WHEN g THEN 'user' WHEN act LIKE 'deploy.%' THEN 'deployment' ELSE split_part(act, '.', 1) END,
    'tgt-' || (i % 5000), 'app-' || (i % 5000),
    CASE WHEN act LIKE 'deploy.%' THEN 'cl-' || (i % 5) END, CASE WHEN act LIKE 'deploy.%' THEN 'cluster-' || (i % 5) ELSE '' END,
    CASE WHEN act LIKE 'deploy.%' THEN 'ns-' || (i % 10) ELSE '' END,
    CASE WHEN act LIKE 'deploy.%' THEN jsonb_build_object('deploymentId', 'dep-' || i, 'diff', '1 to update') ELSE '{}'::jsonb END,
    CASE WHEN r < 0.05 THEN 'failure' ELSE 'success' END::"AuditResult", CASE WHEN r < 0.05 THEN 'forbidden' ELSE '' END,
    '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (bench)', md5(i::text),
    to_timestamp((${START} + i::float8 * ${SPAN_DAYS} * ${DAY} / ${EVENTS}) / 1000.0),
    md5((i - 1)::text) || md5((i - 1)::text), md5(i::text) || md5(i::text)
  FROM (
    SELECT i, g, r, tm,
      'user-' || lpad(tn::text, 3, '0') || '-' || lpad(floor(random() * ${MEMBERS})::int::text, 2, '0') AS actor,
      CASE WHEN g THEN (ARRAY['auth.sign_in','auth.sign_out'])[1 + floor(random() * 2)::int]
           ELSE (ARRAY['template.create','template.version','template.version','deploy.plan','deploy.plan','deploy.apply',
                       'deploy.apply','deploy.redeploy','deploy.undeploy','invitation.create','member.role_change',
                       'credential.set','cluster.register','template.share','authz.denied'])[1 + floor(random() * 15)::int] END AS act
    FROM (
      SELECT i, g, r, tn, 'team-' || lpad(tn::text, 3, '0') AS tm
      FROM (SELECT i, random() < 0.06 AS g, random() AS r, floor(random() * ${TEAMS})::int AS tn FROM generate_series(1, ${EVENTS}) AS i) n
    ) s
  ) x`;

async function seed(client: pg.Client): Promise<void> {
  // Build the indexes once after loading (faster than maintaining them row by row).
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexname <> 'AuditEvent_pkey'`,
  );
  for (const ix of indexes.rows) await client.query(`DROP INDEX "${ix.name}"`);
  await client.query(SEED_SQL);
  for (const ix of indexes.rows) await client.query(ix.def);
  await client.query(`VACUUM ANALYZE "AuditEvent"`);
}

type Case = { name: string; params: (run: number) => { scope: Branch[]; filter: ReviewFilter; actorId?: string; page?: Partial<PageRequest> } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(client: pg.Client, c: Case, deepCursors: Map<number, { createdAt: Date; id: bigint }>) {
  const server: number[] = [];
  const roundTrip: number[] = [];
  let rows = 0;
  for (let run = -3; run < RUNS; run++) {
    const t = ((run + 3) * 7) % TEAMS;
    const p = c.params(t);
    const scope = narrowScope(p.scope, p.actorId, p.filter.action);
    const page: PageRequest = { direction: "older", limit: PAGE, ...p.page };
    if (page.cursor === undefined && c.name.startsWith("deep")) page.cursor = deepCursors.get(t);
    const sql = buildReviewSql(scope, p.filter, page)!;
    const explained = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.values);
    const started = process.hrtime.bigint();
    const result = await client.query(sql.text, sql.values);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (run < 0) continue; // warm-up
    const plan = (explained.rows[0] as Record<string, [{ "Execution Time": number; "Planning Time": number }]>)["QUERY PLAN"][0];
    server.push(plan["Execution Time"] + plan["Planning Time"]);
    roundTrip.push(elapsed);
    rows += result.rowCount ?? 0;
  }
  server.sort((a, b) => a - b);
  roundTrip.sort((a, b) => a - b);
  return { server, roundTrip, rows: rows / RUNS };
}

async function exportThroughput(client: pg.Client, scope: Branch[], filter: ReviewFilter) {
  const started = process.hrtime.bigint();
  let cursor: PageRequest["cursor"];
  let count = 0;
  let bytes = 0;
  for (;;) {
    const sql = buildReviewSql(scope, filter, { cursor, direction: "older", limit: 1000 }, ALL_COLUMNS)!;
    const { rows } = await client.query(sql.text, sql.values);
    for (const row of rows) bytes += EXPORT_WRITERS.csv.row(row as ExportRow, count++).length;
    if (rows.length < 1000) break;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: BigInt(last.id) };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds, bytes };
}

async function withServer<T>(run: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BERTH_TEST_PG_URL) return run(process.env.BERTH_TEST_PG_URL);
  const dir = `/tmp/berth-bench-pg-${process.pid}`;
  const out = execFileSync("bash", [path.join(root, "scripts/test-postgres.sh"), "start", dir], { encoding: "utf8" });
  const url = /BERTH_TEST_PG_URL=(\S+)/.exec(out)![1];
  process.env.BERTH_TEST_PG_URL = url;
  try {
    return await run(url);
  } finally {
    execFileSync("bash", [path.join(root, "scripts/test-postgres.sh"), "stop", dir]);
  }
}

async function main() {
  await withServer(async () => {
    // BENCH_DATABASE_URL: reuse a database a previous run seeded and kept (BENCH_KEEP=1).
    const reuse = process.env.BENCH_DATABASE_URL;
    const database = reuse ? { url: reuse, drop: async () => {} } : await createTestDatabase("berth_bench");
    const client = new pg.Client({ connectionString: database.url });
    try {
      await applyMigrations({ connectionString: database.url, migrationsDir: path.join(root, "prisma/migrations"), log: () => {} });
      await client.connect();
      const seedStart = Date.now();
      if (!reuse) await seed(client);
      const total = (await client.query(`SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('"AuditEvent"')) AS size FROM "AuditEvent"`)).rows[0];
      console.log(`seeded ${total.n} events (${TEAMS} teams × ${MEMBERS} members, 6% global sign-ins) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; table + indexes ${total.size}`);

      // Deep page: the cursor of the 10,000th newest event of each team (page 200 of 50).
      const deep = new Map<number, { createdAt: Date; id: bigint }>();
      for (let t = 0; t < TEAMS; t++) {
        const r = await client.query(`SELECT "createdAt", id FROM "AuditEvent" WHERE "chainKey" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET 10000 LIMIT 1`, [team(t)]);
        if (r.rows[0]) deep.set(t, { createdAt: r.rows[0].createdAt, id: BigInt(r.rows[0].id) });
      }
      const mid = new Date(START + (SPAN_DAYS / 2) * DAY);
      const cases: Case[] = [
        { name: "team, page 1 (owner)", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: {} }) },
        { name: "by actor (owner)", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: {}, actorId: member(t, 3) }) },
        { name: "by action deploy.apply", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: { action: "deploy.apply" } }) },
        { name: "by time range (7 days)", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: { from: mid, to: new Date(mid.getTime() + 7 * DAY) } }) },
        { name: "deep keyset page (≈ page 200)", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: {} }) },
        { name: "member scope (own + deploys)", params: (t) => ({ scope: ownScope(team(t), member(t, 5)), filter: {} }) },
        { name: "failures on a cluster", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: { result: "failure", cluster: "cluster-2" } }) },
        { name: "target name search (ILIKE)", params: (t) => ({ scope: managerScope(team(t), members(t)), filter: { target: "app-4242" } }) },
      ];
      console.log(`\nreview query, ${RUNS} runs each over different teams (ms; server = EXPLAIN ANALYZE planning + execution)`);
      console.log(`${"filter".padEnd(32)} ${"server p50".padStart(10)} ${"p95".padStart(8)} ${"round trip p50".padStart(15)} ${"p95".padStart(8)} ${"rows".padStart(6)}`);
      for (const c of cases) {
        const r = await time(client, c, deep);
        const f = (v: number) => v.toFixed(2);
        console.log(
          `${c.name.padEnd(32)} ${f(percentile(r.server, 50)).padStart(10)} ${f(percentile(r.server, 95)).padStart(8)} ${f(percentile(r.roundTrip, 50)).padStart(15)} ${f(percentile(r.roundTrip, 95)).padStart(8)} ${r.rows.toFixed(0).padStart(6)}`,
        );
      }

      console.log("\nexport (keyset batches of 1,000, every column, CSV writer)");
      for (const [name, scope, filter] of [
        ["one team, everything (owner)", managerScope(team(1), members(1)), {}],
        ["one team, deploy.apply only", narrowScope(managerScope(team(2), members(2)), undefined, "deploy.apply"), { action: "deploy.apply" }],
      ] as [string, Branch[], ReviewFilter][]) {
        const r = await exportThroughput(client, scope, filter);
        console.log(`${name.padEnd(32)} ${r.count} rows in ${r.seconds.toFixed(2)} s = ${Math.round(r.count / r.seconds)} rows/s, ${(r.bytes / 1e6 / r.seconds).toFixed(1)} MB/s of CSV`);
      }
    } finally {
      await client.end().catch(() => {});
      if (process.env.BENCH_KEEP) console.log(`kept the database: BENCH_DATABASE_URL=${database.url}`);
      else await database.drop();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
