/**
 * First-load JavaScript in Chromium (bytes on the wire), the check of bundle.bench.ts's figures
 * from the build manifests: `next start` of the current build on a fresh database with one team
 * and one template; per route, a fresh browser context (no cache) signed in as the owner loads the
 * page until the network is idle; BENCH_RUNS (3) loads each, min/median/max. Script bodies as sent
 * (gzip from `next start`), and the HTML document's (it carries the RSC payload: props, messages).
 *   npx next build && npx vitest run --config bench/vitest.bench.config.mts bench/first-load.bench.ts
 * Needs BERTH_TEST_PG_URL; BENCH_PORT (3170). Asserts nothing.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { it } from "vitest";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { createTestDatabase } from "../scripts/test-support/test-database";
import { firstLoadsOnTheWire, sessionCookies, startServer, type WireLoad } from "./next-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3170);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return kb(s[0]) === kb(s[s.length - 1]) ? kb(s[0]) : `${kb(s[Math.floor(s.length / 2)])} (${kb(s[0])}–${kb(s[s.length - 1])})`;
};

it("first-load JavaScript on the wire", async () => {
  const database = await createTestDatabase("berth_bench_first_load");
  await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, "../prisma/migrations"), log: () => {} });
  const secrets = { AUTH_SECRET: randomBytes(33).toString("base64"), BERTH_ENCRYPTION_KEY: randomBytes(32).toString("hex"), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  Object.assign(process.env, secrets, { DATABASE_URL: database.url });
  const { newTeam, createNginxTemplate } = await import("../scripts/test-support/fixtures");
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const team = await newTeam("firstload");
    const templateId = await createNginxTemplate(team.ctx, "nginx");
    server = await startServer(PORT, { ...secrets, DATABASE_URL: database.url, AUTH_URL: `http://localhost:${PORT}`, AUTH_TRUST_HOST: "true", BERTH_LOG_LEVEL: "warn" });
    const token = await encode({ token: { uid: team.owner.id, sub: team.owner.id, email: team.owner.email }, secret: secrets.AUTH_SECRET, salt: "authjs.session-token" });
    // /team and /clusters: a route that sends a few catalogue namespaces, and one that sends them all
    const routes = ["/templates", "/deployments", "/applications", "/team", "/clusters", "/templates/new", `/templates/${templateId}/edit`];
    const runs: WireLoad[][] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstLoadsOnTheWire(PORT, sessionCookies(token, team.teamId), routes));
    console.log(`\nChromium first loads, ${RUNS} runs each (median, min–max when they differ)`);
    console.log(`${"route".padEnd(24)} ${"status".padStart(6)} ${"scripts".padStart(7)}  ${"JavaScript on the wire".padEnd(28)} HTML document on the wire`);
    routes.forEach((route, r) => {
      const loads = runs.map((run) => run[r]);
      const name = route.replace(templateId, "[id]");
      console.log(`${name.padEnd(24)} ${String(loads[0].status).padStart(6)} ${String(loads[0].scripts).padStart(7)}  ${spread(loads.map((l) => l.scriptBytes)).padEnd(28)} ${spread(loads.map((l) => l.documentBytes))}`);
    });
  } finally {
    server?.kill("SIGTERM");
    await database.drop().catch(() => {});
  }
});
