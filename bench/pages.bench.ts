/**
 * Pages under load: the production server (`next start` of the current build) on Postgres seeded
 * like a busy team — 200 templates × 5 versions, 5,000 deployment records, 1,000,000 audit events
 * (50 teams; the signed-in owner's team holds ~1/50 of them) — measured from outside over HTTP:
 *   - SQL statements per page view (a counting proxy between the server and Postgres: every simple
 *     query and every extended-protocol Execute, BEGIN/COMMIT included), one page at a time;
 *   - open loop: BENCH_RATE page views per second (default 50) for BENCH_SECONDS (default 10) per
 *     page, requests sent on schedule whatever the answers do; response time on localhost p50/p95;
 *   - closed loop: 10 concurrent clients as fast as the server answers, views/s and the server's
 *     CPU time per view (from /proc; the server process and its children);
 *   - BENCH_INSTANCES=2: a second server on the same database, requests alternating (scaling).
 *   npx next build && npx vitest run --config bench/vitest.bench.config.mts bench/pages.bench.ts
 * Needs BERTH_TEST_PG_URL and the BERTH_TEST_* control plane (one real deploy seeds the records'
 * manifest). BENCH_EVENTS / BENCH_DEPLOYMENTS resize the seed; asserts nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { Client } from "pg";
import { it } from "vitest";
import { createTestNamespace, deleteTestNamespace } from "../e2e/cluster/control-plane";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { createTestDatabase } from "../scripts/test-support/test-database";

const root = path.resolve(__dirname, "..");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 5_000);
const TEMPLATES = 200;
const VERSIONS = 5;
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 10;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3160);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** A TCP proxy to Postgres that counts the statements passing through (simple Query + Execute). */
function countingProxy(target: URL): Promise<{ port: number; statements: () => number; close: () => void }> {
  let statements = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let buf = Buffer.alloc(0);
    let started = false;
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
        if (type === "Q" || type === "E") statements++;
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
    server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, statements: () => statements, close: () => server.close() })),
  );
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

const serverLogs: Array<() => string> = [];

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
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
async function wizardOnTheWire(port: number, token: string): Promise<void> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.BERTH_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: "authjs.session-token", value: token, domain: "127.0.0.1", path: "/" }]);
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

it("pages under load", async () => {
  const kubeconfig = process.env.BERTH_TEST_KUBECONFIG_ADMIN;
  if (!process.env.BERTH_TEST_PG_URL || !kubeconfig) throw new Error("needs BERTH_TEST_PG_URL and BERTH_TEST_KUBECONFIG_ADMIN");
  const database = await createTestDatabase("berth_bench_pages");
  await applyMigrations({ connectionString: database.url, migrationsDir: path.join(root, "prisma/migrations"), log: () => {} });
  const secrets = { AUTH_SECRET: randomBytes(33).toString("base64"), BERTH_ENCRYPTION_KEY: randomBytes(32).toString("hex"), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  Object.assign(process.env, secrets, { DATABASE_URL: database.url });
  const { newTeam, attachCluster, createNginxTemplate } = await import("../scripts/test-support/fixtures");
  const { deployTemplate } = await import("../lib/server/deployments");
  const { NGINX_IMAGE_1 } = await import("../e2e/support/deploy-fixtures");
  const ns = await createTestNamespace("perf-pages", kubeconfig);
  const servers: ChildProcess[] = [];
  const proxy = await countingProxy(new URL(database.url));
  try {
    const team = await newTeam("pages");
    const t = { ...team, clusterId: await attachCluster(team.ctx, "prod", kubeconfig), templateId: await createNginxTemplate(team.ctx, "nginx") };
    const deployed = await deployTemplate(t.ctx, { templateId: t.templateId, version: 1, values: { image: NGINX_IMAGE_1 }, clusterIds: [t.clusterId], namespace: ns, createNamespace: false, force: false, recreate: false });
    const deploymentId = deployed.results[0].deploymentId!;
    const seeded = await seed(database.url, { teamId: t.teamId, ownerId: t.owner.id, clusterId: t.clusterId, templateId: t.templateId, deploymentId });
    console.log(`seeded ${TEMPLATES} templates × ${VERSIONS} versions, ${DEPLOYMENTS} deployment records, ${EVENTS} audit events in ${seeded.seconds.toFixed(1)} s; database ${seeded.size}`);

    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const env = { ...secrets, DATABASE_URL: viaProxy.toString(), AUTH_URL: `http://localhost:${BASE_PORT}`, AUTH_TRUST_HOST: "true", BERTH_LOG_LEVEL: "warn" };
    for (let i = 0; i < INSTANCES; i++) servers.push(await startServer(BASE_PORT + i, env));
    const ports = servers.map((_, i) => BASE_PORT + i);
    const token = await encode({ token: { uid: t.owner.id, sub: t.owner.id, email: t.owner.email }, secret: secrets.AUTH_SECRET, salt: "authjs.session-token" });
    const cookie = `authjs.session-token=${token}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const pages = ["/templates", "/deployments", `/deployments/${deploymentId}`, "/audit", "/audit?target=app-4242"];

    console.log(`\n${INSTANCES} instance(s) of next start on one Postgres; uptime: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
    console.log(`${"page".padEnd(24)} ${"SQL/view".padStart(8)} ${"open p50".padStart(9)} ${"p95".padStart(7)} ${"sent/s".padStart(7)} ${"errors".padStart(6)}  ${"closed views/s".padStart(14)} ${"p95".padStart(7)} ${"CPU ms/view".padStart(11)}`);
    for (const page of pages) {
      // Warm (compile caches, connection pool), then count statements one view at a time.
      for (let i = 0; i < 5; i++) await get(ports[i % ports.length], page, cookie, agent);
      const before = proxy.statements();
      const counted = 5;
      let refused = 0;
      for (let i = 0; i < counted; i++) {
        const r = await get(ports[i % ports.length], page, cookie, agent);
        if (r.status !== 200) refused = r.status;
      }
      if (refused) {
        const body = await (await fetch(`http://127.0.0.1:${ports[0]}${page}`, { headers: { cookie } })).text();
        const title = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? "";
        console.log(`${page}: answered HTTP ${refused} ("${title}"); skipped. Server log: ${serverLogs.map((l) => l().slice(-1500)).join("\n")}`);
        continue;
      }
      const perView = (proxy.statements() - before) / counted;

      // Open loop: one request every 1000/RATE ms, whatever the answers do.
      const open: Promise<{ ms: number; status: number }>[] = [];
      const start = performance.now();
      for (let i = 0; i < RATE * SECONDS; i++) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        open.push(get(ports[i % ports.length], page, cookie, agent));
      }
      const sentFor = (performance.now() - start) / 1000;
      const openResults = await Promise.all(open);
      const openMs = openResults.filter((r) => r.status === 200).map((r) => r.ms);

      // Closed loop: CONCURRENCY clients back to back for SECONDS.
      const cpu0 = servers.reduce((a, s) => a + cpuSeconds(s.pid!), 0);
      const closed: number[] = [];
      let errors = openResults.length - openMs.length;
      const until = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, w) => {
          let n = w;
          while (performance.now() < until) {
            const r = await get(ports[n++ % ports.length], page, cookie, agent);
            if (r.status === 200) closed.push(r.ms);
            else errors++;
          }
        }),
      );
      const cpu = servers.reduce((a, s) => a + cpuSeconds(s.pid!), 0) - cpu0;
      console.log(
        `${page.padEnd(24)} ${perView.toFixed(1).padStart(8)} ${pct(openMs, 50).toFixed(1).padStart(9)} ${pct(openMs, 95).toFixed(1).padStart(7)} ${(open.length / sentFor).toFixed(1).padStart(7)} ${String(errors).padStart(6)}  ${(closed.length / SECONDS).toFixed(1).padStart(14)} ${pct(closed, 95).toFixed(1).padStart(7)} ${((cpu * 1000) / Math.max(1, closed.length)).toFixed(1).padStart(11)}`,
      );
    }
    console.log(`uptime after: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
    agent.destroy();
    await wizardOnTheWire(ports[0], token);
  } finally {
    for (const s of servers) s.kill("SIGTERM");
    proxy.close();
    await deleteTestNamespace(ns, kubeconfig).catch(() => {});
    if (process.env.BENCH_KEEP) console.log(`kept the database: ${database.url}`);
    else await database.drop().catch(() => {});
  }
});
