/**
 * Pages under load: the production server (`next start` of the current build) on Postgres seeded
 * like a busy team — 200 templates × 5 versions, 5,000 deployment records, 1,000,000 audit events
 * (50 teams; the signed-in owner's team holds ~1/50 of them) — measured from outside over HTTP,
 * signed in as that team's owner, with the team cookie set to the seeded team:
 *   - SQL statements per page view and their text (a counting proxy between the server and
 *     Postgres: every simple Query and every extended-protocol Execute, BEGIN/COMMIT included);
 *   - open loop: BENCH_RATE page views per second (default 50) for BENCH_SECONDS (default 5) per
 *     page, requests sent on schedule whatever the answers do; response time on localhost p50/p95;
 *   - closed loops of BENCH_USERS concurrent users (default 1,10,20) as fast as the servers answer:
 *     p50/p95, views/s (in all and per instance), the servers' CPU time per view (/proc, the
 *     server processes and their children) and the database's (the Postgres backends serving the
 *     bench's database, when Postgres runs on this machine);
 *   - BENCH_INSTANCES (default 1,2): the same with 1, then 2 servers of one build on the same
 *     database, requests alternating between them;
 *   - BENCH_PGLITE_DIR: the same pages served by the launcher `npm start` runs (scripts/serve.ts)
 *     on the embedded PGlite folder there, holding a copy of the same data (bench/README.md).
 *   npx next build && npx vitest run --config bench/vitest.bench.config.mts bench/pages.bench.ts
 * Needs BERTH_TEST_PG_URL and the BERTH_TEST_* control plane (one real deploy seeds the records'
 * manifest). Seeding takes minutes: BENCH_KEEP=1 keeps the database, BENCH_DATABASE_URL=… reuses
 * it. BENCH_OPEN_SUSTAINED=1 runs the open loop at what the servers sustain when they cannot
 * approach BENCH_RATE. BENCH_EVENTS / BENCH_DEPLOYMENTS resize the seed; BENCH_WIZARD=0 skips the Chromium part,
 * BENCH_SEARCH_SQL=0 the target-search SQL section; BENCH_PAGES picks pages; BENCH_PROFILE_DIR
 * writes the servers' CPU profiles (bench/cpu-profile.ts summarizes them).
 * Asserts nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { Client } from "pg";
import { it } from "vitest";
import { createTestNamespace, deleteTestNamespace } from "../e2e/cluster/control-plane";
import { buildReviewSql, managerScope } from "../lib/audit/review-sql";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { createTestDatabase } from "../scripts/test-support/test-database";

const root = path.resolve(__dirname, "..");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 5_000);
const TEMPLATES = 200;
const VERSIONS = 5;
const RATE = Number(process.env.BENCH_RATE ?? 50);
/** BENCH_OPEN_SUSTAINED=1: when the closed loops stay under the rate, the open loop runs at 80 % of the most views/s they served instead (what the servers sustain), not skipped. */
const OPEN_SUSTAINED = process.env.BENCH_OPEN_SUSTAINED === "1";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const list = (v: string | undefined, d: string) => (v ?? d).split(",").map(Number).filter((n) => n > 0);
const CONCURRENCY = list(process.env.BENCH_USERS, "1,10,20");
const INSTANCES = list(process.env.BENCH_INSTANCES, "1,2");
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3170);
const PGLITE_DIR = process.env.BENCH_PGLITE_DIR;
/** A folder: the servers run with `node --cpu-prof` and write their CPU profiles there on exit (bench/cpu-profile.ts reads them). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
/** TEAM_COOKIE of lib/server/session.ts (that module needs Next's runtime to load). */
const TEAM_COOKIE = "berth_team";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** What the counting proxy saw: statements in order, with their text (simple Query, or the Parse an Execute ran). */
type Counted = { total: number; texts: string[] };

/**
 * A TCP proxy to Postgres that counts the statements passing through (simple Query + Execute) and,
 * while `record` is on, keeps each one's text (Parse → Bind → Execute are followed per connection).
 */
function countingProxy(target: URL): Promise<{ port: number; counted: Counted; record: (on: boolean) => void; close: () => void }> {
  const counted: Counted = { total: 0, texts: [] };
  let recording = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const prepared = new Map<string, string>(); // statement name → text
    const portals = new Map<string, string>(); // portal name → statement name
    let buf = Buffer.alloc(0);
    let started = false;
    const cstring = (b: Buffer, at: number): [string, number] => {
      const end = b.indexOf(0, at);
      return [b.toString("utf8", at, end), end + 1];
    };
    client.on("data", (chunk) => {
      upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          if (code !== 80877103) started = true; // not an SSLRequest: the startup message
          continue;
        }
        if (buf.length < 5) break;
        const type = String.fromCharCode(buf[0]);
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) break;
        const body = buf.subarray(5, len + 1);
        if (type === "P") {
          const [name, at] = cstring(body, 0);
          prepared.set(name, cstring(body, at)[0]);
        } else if (type === "B") {
          const [portal, at] = cstring(body, 0);
          portals.set(portal, cstring(body, at)[0]);
        } else if (type === "Q" || type === "E") {
          counted.total++;
          if (recording) counted.texts.push(type === "Q" ? cstring(body, 0)[0] : (prepared.get(portals.get(cstring(body, 0)[0]) ?? "") ?? "?"));
        }
        buf = buf.subarray(len + 1);
      }
    });
    upstream.on("data", (c) => client.write(c));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as net.AddressInfo).port, counted, record: (on) => ((recording = on), (counted.texts = [])), close: () => server.close() }),
    ),
  );
}

/** One statement's text, short: whitespace folded, Prisma's quoting and schema prefix dropped, cut at 150 characters. */
function shortSql(text: string): string {
  const s = text.replace(/\s+/g, " ").replace(/"public"\./g, "").replace(/"/g, "").trim();
  return s.length > 150 ? `${s.slice(0, 147)}...` : s;
}

async function seed(url: string, team: { teamId: string; ownerId: string; clusterId: string; templateId: string; deploymentId: string }) {
  const c = new Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now();
  const v = [team.teamId, team.ownerId];
  await c.query(
    `INSERT INTO "Template" (id, "teamId", "ownerId", name, description, labels, visibility, "latestVersion", "createdAt", "updatedAt")
     SELECT 'tpl-' || i, $1, $2, 'app-' || i, 'seeded template ' || i, ARRAY['bench'], 'team', ${VERSIONS}, now() - i * interval '1 hour', now() - i * interval '1 hour'
     FROM generate_series(1, ${TEMPLATES - 1}) AS i`,
    v,
  );
  await c.query(
    `INSERT INTO "TemplateVersion" (id, "templateId", version, spec, parameters, message, "authorId", "createdAt")
     SELECT 'tv-' || i || '-' || n, 'tpl-' || i, n, tv.spec, tv.parameters, 'version ' || n, $1, now() - i * interval '1 hour' + n * interval '1 minute'
     FROM generate_series(1, ${TEMPLATES - 1}) AS i, generate_series(1, ${VERSIONS}) AS n, (SELECT spec, parameters FROM "TemplateVersion" WHERE "templateId" = $2 LIMIT 1) AS tv`,
    [team.ownerId, team.templateId],
  );
  await c.query(
    `INSERT INTO "Deployment" (id, "teamId", number, kind, status, "appName", namespace, "clusterId", "actorId", "templateId", "templateVersionId", parameters, manifest, results, message, "startedAt", "finishedAt", "durationMs")
     SELECT 'dep-' || i, d."teamId", 1 + i, d.kind, CASE WHEN i % 20 = 0 THEN 'failed'::"DeploymentStatus" ELSE 'applied'::"DeploymentStatus" END, 'app-' || (i % ${TEMPLATES - 1} + 1), 'ns-' || (i % 10), d."clusterId", d."actorId",
       'tpl-' || (i % ${TEMPLATES - 1} + 1), 'tv-' || (i % ${TEMPLATES - 1} + 1) || '-' || (1 + i % ${VERSIONS}), d.parameters, d.manifest, d.results, d.message,
       now() - i * interval '7 minutes', now() - i * interval '7 minutes' + interval '3 seconds', 3000
     FROM generate_series(1, ${DEPLOYMENTS - 1}) AS i, (SELECT * FROM "Deployment" WHERE id = $1) AS d`,
    [team.deploymentId],
  );
  // The audit bench's shape (bench/audit.bench.ts), with team 0 = the signed-in owner's team.
  await c.query(`SELECT setseed(0.42)`);
  await c.query(
    `INSERT INTO "AuditEvent" ("chainKey","teamId","actorId","actorEmail","action","targetType","targetId","targetName",
      "clusterId","clusterName","namespace","summary","result","reason","ip","userAgent","requestId","createdAt","prevHash","hash")
     SELECT CASE WHEN g THEN 'global' ELSE tm END, CASE WHEN g THEN NULL ELSE tm END, actor, actor || '@bench.test',
       act, CASE WHEN g THEN 'user' WHEN act LIKE 'deploy.%' THEN 'deployment' ELSE split_part(act, '.', 1) END,
       'tgt-' || (i % 5000), 'app-' || (i % 5000),
       CASE WHEN act LIKE 'deploy.%' THEN $3 END, CASE WHEN act LIKE 'deploy.%' THEN 'prod' ELSE '' END,
       CASE WHEN act LIKE 'deploy.%' THEN 'ns-' || (i % 10) ELSE '' END,
       '{}'::jsonb, CASE WHEN r < 0.05 THEN 'failure' ELSE 'success' END::"AuditResult", CASE WHEN r < 0.05 THEN 'forbidden' ELSE '' END,
       '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (bench)', md5(i::text),
       now() - (${EVENTS} - i) * interval '30 seconds', md5((i - 1)::text) || md5((i - 1)::text), md5(i::text) || md5(i::text)
     FROM (
       SELECT i, g, r, tm, CASE WHEN tn = 0 THEN $2 ELSE 'user-' || tn || '-' || floor(random() * 20)::int END AS actor,
         CASE WHEN g THEN (ARRAY['auth.sign_in','auth.sign_out'])[1 + floor(random() * 2)::int]
              ELSE (ARRAY['template.create','template.version','deploy.plan','deploy.apply','deploy.redeploy','deploy.undeploy','member.role_change','credential.set','cluster.register','authz.denied'])[1 + floor(random() * 10)::int] END AS act
       FROM (SELECT i, g, r, tn, CASE WHEN tn = 0 THEN $1 ELSE 'team-' || tn END AS tm
             FROM (SELECT i, random() < 0.06 AS g, random() AS r, floor(random() * 50)::int AS tn FROM generate_series(1, ${EVENTS}) AS i) n) s
     ) x`,
    [team.teamId, team.ownerId, team.clusterId],
  );
  await c.query(`VACUUM ANALYZE`);
  const size = await c.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
  await c.end();
  return { seconds: (Date.now() - t0) / 1000, size: size.rows[0].s as string };
}

function get(port: number, pathName: string, cookie: string, agent: http.Agent): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathName, headers: { cookie, host: `localhost:${port}` }, agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0 }));
    });
    req.on("error", () => resolve({ ms: performance.now() - t, status: 0 }));
  });
}

/** CPU seconds of a process and its descendants (/proc, clock ticks of 100 Hz). */
function cpuSeconds(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / 100;
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) walk(Number(child));
    } catch {
      /* gone */
    }
  };
  walk(pid);
  return total;
}

/**
 * CPU seconds of each Postgres backend serving this database (their process title names it), when
 * Postgres runs on this machine: the database's share of a page view is the growth between two
 * readings (`databaseCpuSince`). A backend that exits in between takes its CPU with it (the
 * servers' pools close idle connections): an undercount, never negative.
 */
function databaseCpu(database: string): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return byPid;
}

function databaseCpuSince(database: string, before: Map<string, number>): number {
  let total = 0;
  for (const [pid, seconds] of databaseCpu(database)) {
    const was = before.get(pid) ?? 0;
    total += seconds >= was ? seconds - was : seconds; // less than before: a new backend with a reused pid
  }
  return total;
}

/**
 * The owner's target search at the database, server time (EXPLAIN ANALYZE planning + execution,
 * RUNS times each, alternating): the SQL the data layer builds now, and the same with the whole
 * search looked up in the trigram index (how it was built before 3357e1b) — the same-run baseline.
 */
async function targetSearchSql(url: string, meta: Meta, searches: string[], runs = 20) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const members = (await c.query(`SELECT "userId" FROM "Membership" WHERE "teamId" = $1`, [meta.teamId])).rows.map((r) => r.userId as string);
    const serverMs = async (sql: { text: string; values: unknown[] }) => {
      const plan = (await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.values)).rows[0]["QUERY PLAN"][0];
      return plan["Planning Time"] + plan["Execution Time"];
    };
    console.log(`\ntarget search SQL at the database (owner's scope, ${runs} runs each; server ms = EXPLAIN ANALYZE planning + execution; load average ${loadavg()})`);
    console.log(`${"search".padEnd(12)} ${"now p50".padStart(8)} ${"p95".padStart(7)}   ${"whole search in the index p50".padStart(30)} ${"p95".padStart(7)}   rows`);
    for (const target of searches) {
      const now = buildReviewSql(managerScope(meta.teamId, members), { target }, { direction: "older", limit: 51 })!;
      // Before: ("targetId" = $id OR "targetName" ILIKE '%whole search%'), no recheck.
      // (The word's parameter stays bound but unused: "IS NOT NULL" of a constant folds away.)
      const values = [...now.values];
      const text = now.text.replace(/\("targetName" ILIKE \$(\d+) AND strpos\(lower\("targetName"\), lower\(\$(\d+)\)\) > 0\)/g, (_, word: string, whole: string) => {
        values[Number(whole) - 1] = `%${target.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        return `("targetName" ILIKE $${whole} AND $${word}::text IS NOT NULL)`;
      });
      const whole = { text, values };
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 3; i++) await serverMs(now), await serverMs(whole); // warm
      for (let i = 0; i < runs; i++) a.push(await serverMs(now)), b.push(await serverMs(whole));
      const rows = (await c.query(now.text, now.values)).rowCount;
      const same = JSON.stringify((await c.query(now.text, now.values)).rows.map((r) => r.id)) === JSON.stringify((await c.query(whole.text, whole.values)).rows.map((r) => r.id));
      console.log(`${target.padEnd(12)} ${pct(a, 50).toFixed(2).padStart(8)} ${pct(a, 95).toFixed(2).padStart(7)}   ${pct(b, 50).toFixed(2).padStart(30)} ${pct(b, 95).toFixed(2).padStart(7)}   ${rows}${same ? "" : " (DIFFERENT ROWS)"}`);
    }
  } finally {
    await c.end();
  }
}

const serverLogs: Array<() => string> = [];

/** `next start` of the current build, or with `launcher` what `npm start` runs after building (scripts/serve.ts: the embedded database when DATABASE_URL is empty). */
async function startServer(port: number, env: Record<string, string>, launcher = false): Promise<ChildProcess> {
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
  const args = launcher ? [...profile, "--import", "tsx", "scripts/serve.ts"] : [...profile, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  serverLogs.push(() => log);
  for (let i = 0; i < 240; i++) {
    const ok = await new Promise<boolean>((r) => http.get({ host: "127.0.0.1", port, path: "/login" }, (res) => (res.resume(), r(res.statusCode === 200))).on("error", () => r(false)));
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`next start exited: ${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer: ${log.slice(-2000)}`);
}

/** The wizard's first load in Chromium: JavaScript bytes on the wire (compressed) until the page is idle. */
async function wizardOnTheWire(port: number, cookie: string): Promise<void> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.BERTH_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext();
    await context.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), domain: "127.0.0.1", path: "/" })));
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on("requestfinished", (req) => {
      if (req.resourceType() === "script") scripts.push(req.sizes().then((s) => s.responseBodySize));
    });
    await page.goto(`http://127.0.0.1:${port}/templates/new`, { waitUntil: "networkidle" });
    const sizes = await Promise.all(scripts);
    console.log(`\nChromium, /templates/new first load: ${sizes.length} scripts, ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} kB of JavaScript on the wire (compressed bodies)`);
  } finally {
    await browser.close();
  }
}

type Meta = { teamId: string; ownerId: string; ownerEmail: string; deploymentId: string };

/** The seeded team of a kept database (BENCH_DATABASE_URL): its owner and the one record a real deploy made. */
async function readMeta(url: string): Promise<Meta> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT d."teamId", u.id AS "ownerId", u.email AS "ownerEmail", d.id AS "deploymentId"
       FROM "Deployment" d JOIN "Membership" m ON m."teamId" = d."teamId" AND m.role = 'owner' JOIN "User" u ON u.id = m."userId"
       WHERE d.id NOT LIKE 'dep-%' ORDER BY d.number LIMIT 1`,
    );
    if (!rows[0]) throw new Error(`${url} holds no seeded bench team`);
    return rows[0] as Meta;
  } finally {
    await c.end();
  }
}

type Run = { ms: number[]; errors: number; seconds: number; statuses?: Map<number, number> };

/** Open loop: one request every 1000/rate ms, whatever the answers do, spread over the ports. */
async function openLoop(ports: number[], page: string, cookie: string, agent: http.Agent, rate = RATE): Promise<Run & { sentPerSecond: number }> {
  const open: Promise<{ ms: number; status: number }>[] = [];
  const start = performance.now();
  for (let i = 0; i < Math.round(rate * SECONDS); i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    open.push(get(ports[i % ports.length], page, cookie, agent));
  }
  const sentFor = (performance.now() - start) / 1000;
  const results = await Promise.all(open);
  const ms = results.filter((r) => r.status === 200).map((r) => r.ms);
  return { ms, errors: results.length - ms.length, seconds: (performance.now() - start) / 1000, sentPerSecond: open.length / sentFor };
}

/** Closed loop: `users` clients back to back for SECONDS, each spreading its requests over the ports. */
async function closedLoop(ports: number[], page: string, cookie: string, agent: http.Agent, users: number): Promise<Run> {
  const ms: number[] = [];
  let errors = 0;
  const statuses = new Map<number, number>(); // of the answers that were not 200 (0: the connection failed)
  const start = performance.now();
  const until = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, w) => {
      let n = w;
      while (performance.now() < until) {
        const r = await get(ports[n++ % ports.length], page, cookie, agent);
        if (r.status === 200) ms.push(r.ms);
        else errors++, statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  return { ms, errors, seconds: (performance.now() - start) / 1000, statuses };
}

const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const shown = (page: string) => page.replace(/^\/deployments\/[^/?]+$/, "/deployments/<id>");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

/** Every page, one server configuration: statements per view (Postgres only), open loop, closed loops, CPU per view. */
async function measure(label: string, servers: ChildProcess[], ports: number[], pages: string[], cookie: string, proxy: Awaited<ReturnType<typeof countingProxy>> | null, database?: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  console.log(`\n== ${label}: ${ports.length} server process(es); load average before: ${loadavg()}`);
  const users = CONCURRENCY.map((u) => `${`${u} user${u > 1 ? "s" : ""} p50`.padStart(12)} ${"p95".padStart(7)} ${"views/s".padStart(7)} ${"/inst".padStart(6)} ${"CPU ms".padStart(6)} ${"DB ms".padStart(5)} │`).join(" ");
  console.log(`${"page".padEnd(24)} ${"SQL".padStart(4)} │ ${users} ${`open ${RATE}/s p50`.padStart(14)} ${"p95".padStart(7)} ${"err".padStart(4)}`);
  const statements = new Map<string, string[]>();
  const viewCounts = new Map<string, string>();
  for (const page of pages) {
    for (let i = 0; i < 5; i++) await get(ports[i % ports.length], page, cookie, agent); // warm: caches, pool
    let sql = NaN;
    let refused = 0;
    const perView: string[][] = [];
    for (let i = 0; i < 3; i++) {
      if (proxy) proxy.record(true);
      const r = await get(ports[i % ports.length], page, cookie, agent);
      if (r.status !== 200) refused = r.status;
      if (proxy) perView.push(proxy.counted.texts);
    }
    if (proxy) {
      proxy.record(false);
      sql = perView.reduce((a, v) => a + v.length, 0) / 3;
      // The fewest of the 3 views: background work (the deploy sweep, webhook deliveries) can add statements to one.
      statements.set(page, perView.reduce((a, v) => (v.length < a.length ? v : a)));
      viewCounts.set(page, perView.map((v) => v.length).join("/"));
    }
    if (refused) {
      const body = await (await fetch(`http://127.0.0.1:${ports[0]}${page}`, { headers: { cookie } })).text();
      console.log(`${shown(page)}: answered HTTP ${refused} ("${/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? ""}"); skipped. Server log: ${serverLogs.map((l) => l().slice(-1500)).join("\n")}`);
      continue;
    }
    const cells: string[] = [];
    let most = 0;
    for (const u of CONCURRENCY) {
      const cpu0 = servers.reduce((a, s) => a + cpuSeconds(s.pid!), 0);
      const db0 = database ? databaseCpu(database) : new Map<string, number>();
      const run = await closedLoop(ports, page, cookie, agent, u);
      const cpu = servers.reduce((a, s) => a + cpuSeconds(s.pid!), 0) - cpu0;
      const dbCpu = database ? databaseCpuSince(database, db0) : NaN;
      const perSecond = run.ms.length / run.seconds;
      most = Math.max(most, perSecond);
      cells.push(`${f1(pct(run.ms, 50)).padStart(12)} ${f1(pct(run.ms, 95)).padStart(7)} ${f1(perSecond).padStart(7)} ${f1(perSecond / ports.length).padStart(6)} ${f1((cpu * 1000) / Math.max(1, run.ms.length)).padStart(6)} ${f1((dbCpu * 1000) / Math.max(1, run.ms.length)).padStart(5)} │${run.errors ? ` ${run.errors} errors (${[...run.statuses!].map(([st, n]) => `HTTP ${st || "none"} ×${n}`).join(", ")})` : ""}`);
    }
    // An open loop faster than the servers can go only builds a queue (p95 = how long the queue
    // took to drain): not run when the closed loops served well under the rate.
    let openCells = `${"not run".padStart(14)} ${"".padStart(7)} ${"".padStart(4)}`;
    const rate = most >= RATE * 0.8 ? RATE : OPEN_SUSTAINED ? Math.max(1, Math.floor(most * 0.8 * 10) / 10) : 0;
    if (rate) {
      const open = await openLoop(ports, page, cookie, agent, rate);
      openCells = `${f1(pct(open.ms, 50)).padStart(14)} ${f1(pct(open.ms, 95)).padStart(7)} ${String(open.errors).padStart(4)}${rate !== RATE ? ` (at ${rate}/s: 80 % of the closed loops' most)` : ""}${open.sentPerSecond < rate * 0.95 ? ` (sent only ${f1(open.sentPerSecond)}/s)` : ""}`;
    }
    console.log(`${shown(page).padEnd(24)} ${(proxy ? sql.toFixed(1) : "–").padStart(4)} │ ${cells.join(" ")} ${openCells}`);
  }
  console.log(`load average after: ${loadavg()}`);
  if (statements.size) {
    console.log(`\nSQL statements per view (${label}; the same for every instance count), in order:`);
    for (const [page, texts] of statements) {
      console.log(`${shown(page)}: ${texts.length} (the 3 views: ${viewCounts.get(page)}; listed: the one with the fewest, as background work such as the deploy sweep can add to a view)`);
      const counts = new Map<string, number>();
      for (const t of texts.map(shortSql)) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, n] of counts) console.log(`  ${String(n).padStart(2)}× ${t}`);
    }
  }
  agent.destroy();
}

async function stop(servers: ChildProcess[]) {
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : (s.once("exit", r), s.kill("SIGTERM"))))));
  servers.length = 0;
}

it("pages under load", async () => {
  const kubeconfig = process.env.BERTH_TEST_KUBECONFIG_ADMIN;
  if (!process.env.BERTH_TEST_PG_URL || !kubeconfig) throw new Error("needs BERTH_TEST_PG_URL and BERTH_TEST_KUBECONFIG_ADMIN");
  // A fixed key for the bench's own throwaway databases, so a kept database's stored kubeconfig
  // opens again in a later run (BENCH_DATABASE_URL); the credential is the test cluster's.
  const secrets = {
    AUTH_SECRET: randomBytes(33).toString("base64"),
    BERTH_ENCRYPTION_KEY: createHash("sha256").update("berth pages bench").digest("hex"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  let url = process.env.BENCH_DATABASE_URL;
  let drop = async () => {};
  let ns: string | undefined;
  if (!url) {
    const database = await createTestDatabase(process.env.BENCH_DATABASE_PREFIX ?? "pages_bench");
    url = database.url;
    drop = database.drop;
    await applyMigrations({ connectionString: url, migrationsDir: path.join(root, "prisma/migrations"), log: () => {} });
    Object.assign(process.env, secrets, { DATABASE_URL: url });
    const { newTeam, attachCluster, createNginxTemplate } = await import("../scripts/test-support/fixtures");
    const { deployTemplate } = await import("../lib/server/deployments");
    const { NGINX_IMAGE_1 } = await import("../e2e/support/deploy-fixtures");
    ns = await createTestNamespace("pages-bench", kubeconfig);
    const team = await newTeam("pages");
    const t = { ...team, clusterId: await attachCluster(team.ctx, "prod", kubeconfig), templateId: await createNginxTemplate(team.ctx, "nginx") };
    const deployed = await deployTemplate(t.ctx, { templateId: t.templateId, version: 1, values: { image: NGINX_IMAGE_1 }, clusterIds: [t.clusterId], namespace: ns, createNamespace: false, force: false, recreate: false });
    const seeded = await seed(url, { teamId: t.teamId, ownerId: t.owner.id, clusterId: t.clusterId, templateId: t.templateId, deploymentId: deployed.results[0].deploymentId! });
    console.log(`seeded ${TEMPLATES} templates × ${VERSIONS} versions, ${DEPLOYMENTS} deployment records, ${EVENTS} audit events in ${seeded.seconds.toFixed(1)} s; database ${seeded.size}`);
  } else {
    console.log(`reusing the seeded database ${new URL(url).pathname.slice(1)}`);
  }
  const meta = await readMeta(url);

  const proxy = await countingProxy(new URL(url));
  const servers: ChildProcess[] = [];
  try {
    const token = await encode({ token: { uid: meta.ownerId, sub: meta.ownerId, email: meta.ownerEmail }, secret: secrets.AUTH_SECRET, salt: "authjs.session-token" });
    // The owner also has the personal team made at sign-up, which the console opens by default
    // (the first membership): without the team cookie every page showed that empty team, and the
    // seeded record answered 404 — it is in the seeded team, not in the one the console opened.
    const cookie = `authjs.session-token=${token}; ${TEAM_COOKIE}=${meta.teamId}`;
    const all = ["/templates", "/deployments", `/deployments/${meta.deploymentId}`, "/audit", "/audit?target=app-4242", "/applications"];
    // BENCH_PAGES=/templates,/deployments/<id>,… picks some of them (in this order).
    const pages = process.env.BENCH_PAGES ? all.filter((p) => process.env.BENCH_PAGES!.split(",").includes(shown(p))) : all;
    if (process.env.BENCH_SEARCH_SQL !== "0") await targetSearchSql(url, meta, ["app-4242", "4242", "app-42", "nginx"]);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}; open loop ${RATE} views/s, closed loops of ${CONCURRENCY.join(", ")} users, ${SECONDS} s each`);

    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    for (const n of INSTANCES) {
      const env = { ...secrets, DATABASE_URL: viaProxy.toString(), AUTH_URL: `http://localhost:${BASE_PORT}`, AUTH_TRUST_HOST: "true", BERTH_LOG_LEVEL: "warn" };
      for (let i = 0; i < n; i++) servers.push(await startServer(BASE_PORT + i, env));
      await measure(`Postgres, ${n} instance${n > 1 ? "s" : ""}`, servers, servers.map((_, i) => BASE_PORT + i), pages, cookie, n === INSTANCES[0] ? proxy : null, new URL(url).pathname.slice(1));
      await stop(servers);
    }
    if (PGLITE_DIR) {
      // The embedded default: the launcher (scripts/serve.ts, what `npm start` runs) on a PGlite
      // folder holding a copy of the same data (bench/README.md says how it is made).
      servers.push(await startServer(BASE_PORT, { ...secrets, DATABASE_URL: "", BERTH_DATA_DIR: PGLITE_DIR, AUTH_URL: `http://localhost:${BASE_PORT}`, AUTH_TRUST_HOST: "true", BERTH_LOG_LEVEL: "warn" }, true));
      await measure("embedded PGlite, 1 instance", servers, [BASE_PORT], pages, cookie, null);
      await stop(servers);
    }
    if (process.env.BENCH_WIZARD !== "0") {
      servers.push(await startServer(BASE_PORT, { ...secrets, DATABASE_URL: viaProxy.toString(), AUTH_URL: `http://localhost:${BASE_PORT}`, AUTH_TRUST_HOST: "true", BERTH_LOG_LEVEL: "warn" }));
      await wizardOnTheWire(BASE_PORT, cookie);
    }
  } finally {
    await stop(servers);
    proxy.close();
    if (ns) await deleteTestNamespace(ns, kubeconfig).catch(() => {});
    if (process.env.BENCH_KEEP) console.log(`kept the database: ${url}`);
    else await drop().catch(() => {});
  }
});
