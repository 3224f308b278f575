import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../prisma/tools/apply-migrations";
import { runScript } from "../scripts/test-support/run-script";
import { createTestDatabase, type TestDatabase } from "../scripts/test-support/test-database";
import { alerts, createInvitationLink, PASSWORD, signIn, signUp } from "./support/accounts";
import { attachKubeconfig, registerCluster, testEnv, testKubeconfig } from "./support/cluster";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";
import { Balancer, TcpRelay, freePort, startInstance, type Instance } from "./support/instances";

// Two instances of one build on one Postgres, behind a load balancer (e2e/support/instances.ts):
// whichever instance serves a request, the answer is the same — sessions, server actions, rate
// limits — and a database restart is survived by both without a restart of their own.
// Its own database and instances (not the e2e server's), reached through a relay the test cuts.
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const OWNER = { name: "Scale Owner", email: "scale-owner@berth.test" };
let database: TestDatabase;
let relay: TcpRelay;
let balancer: Balancer;
const instances = new Map<string, Instance>();
let base = "";
let k8sRelay: TcpRelay;
let namespace = "";
let ownerState: Awaited<ReturnType<BrowserContext["storageState"]>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await createTestDatabase("berth_two");
  await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, "../prisma/migrations"), log: () => {} });
  const direct = new URL(database.url);
  relay = new TcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
  await relay.start();
  const relayed = new URL(database.url);
  relayed.host = `127.0.0.1:${relay.port}`;
  balancer = new Balancer(() => new Map([...instances].map(([n, i]) => [n, i.port])));
  await balancer.start();
  base = `http://localhost:${balancer.port}`;
  // One configuration for both, as an operator gives it (secrets the same on every instance).
  const env = {
    DATABASE_URL: relayed.toString(),
    AUTH_SECRET: randomBytes(33).toString("base64"),
    BERTH_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_URL: base,
    BERTH_SIGNIN_MAX_PER_ACCOUNT: "4",
    BERTH_SIGNIN_WINDOW_SECONDS: "86400",
    BERTH_SIGNUP_MAX_PER_IP: "1000",
    BERTH_LOG_LEVEL: "warn",
    BERTH_DEPLOY_LEASE_SECONDS: "4", // an instance killed mid-deploy is noticed within seconds
  };
  const [a, b] = await Promise.all([freePort(), freePort()]);
  const started = await Promise.all([startInstance("A", a, env), startInstance("B", b, env)]);
  for (const i of started) instances.set(i.name, i);
});

test.afterAll(async () => {
  await Promise.all([...instances.values()].map((i) => i.stop()));
  // their logs, for when something above failed
  for (const i of instances.values()) writeFileSync(path.join(test.info().project.outputDir, `instance-${i.name}.log`), i.output.join(""));
  await balancer?.stop();
  await relay?.cut();
  await k8sRelay?.cut();
  if (namespace) deleteNamespace(namespace);
  await database?.drop();
});

async function contextOn(browser: Browser, pinned?: "A" | "B"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, ...(pinned ? { extraHTTPHeaders: { "x-berth-test-instance": pinned } } : {}) });
  return { context, page: await context.newPage() };
}

const servedBy = (method: string, urlPart: string) => [...new Set(balancer.served.filter((s) => s.method === method && s.url.includes(urlPart)).map((s) => s.instance))].sort();

test("signed up on A, signed in on B; a form rendered by A is posted to B", async ({ browser }) => {
  const onA = await contextOn(browser, "A");
  await signUp(onA.page, { ...OWNER, password: PASSWORD });
  await expect(onA.page.getByTestId("signed-in-as")).toContainText(OWNER.email);

  // the same browser session on B: B reads the session A signed
  const state = (ownerState = await onA.context.storageState());
  const onB = await browser.newContext({ baseURL: base, storageState: state, extraHTTPHeaders: { "x-berth-test-instance": "B" } });
  const pageB = await onB.newPage();
  await pageB.goto("/templates");
  await expect(pageB.getByTestId("signed-in-as")).toContainText(OWNER.email);
  await Promise.all([onA.context.close(), onB.close()]); // no prefetches of theirs below

  // pages come from A, every form post goes to B
  const split = await browser.newContext({ baseURL: base, storageState: state });
  const page = await split.newPage();
  balancer.route = (req) => (req.method === "POST" ? "B" : "A");
  balancer.served = [];
  await page.goto("/team");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByTestId("invitation-link")).toBeVisible();
  expect(servedBy("GET", "/team")).toEqual(["A"]);
  expect(servedBy("POST", "/team")).toEqual(["B"]);
  await split.close();
});

test("the sign-in limit counts attempts on both instances together", async ({ browser }) => {
  const { context, page } = await contextOn(browser);
  let posts = 0;
  balancer.route = (req) => (req.method === "POST" ? (posts++ % 2 === 0 ? "A" : "B") : "A");
  balancer.served = [];
  for (let i = 0; i < 4; i++) {
    await signIn(page, OWNER.email, `wrong-${i}`);
    await expect(alerts(page)).toHaveText("That email and password do not match an account.");
  }
  expect(servedBy("POST", "/login")).toEqual(["A", "B"]); // 2 failures each: neither alone reached 4
  await signIn(page, OWNER.email, PASSWORD);
  await expect(alerts(page)).toContainText("Too many sign-in attempts. Try again in");
  await context.close();
});

test("Postgres restarted while both serve: a clear message meanwhile, both recover by themselves, nothing half-written", async ({ browser }) => {
  const admin = new pg.Client({ connectionString: database.url }); // straight to Postgres, not through the relay
  await admin.connect();
  const invitations = async () => Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "Invitation"`)).rows[0].n);
  const pinned = async (name: string) => {
    const context = await browser.newContext({ baseURL: base, storageState: ownerState, extraHTTPHeaders: { "x-berth-test-instance": name } });
    return { context, page: await context.newPage() };
  };
  try {
    balancer.route = (_req, n) => (n % 2 === 0 ? "A" : "B");
    const owner = await browser.newContext({ baseURL: base, storageState: ownerState });
    const page = await owner.newPage();
    await page.goto("/team"); // rendered while the database is up
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    const before = await invitations();
    await relay.cut();
    try {
      // a form posted while the database is away: it says so, and nothing is stored
      await page.getByRole("button", { name: "Create invitation link" }).click();
      await expect(alerts(page)).toContainText("The database cannot be reached right now");
      // a page on either instance says the same
      for (const name of ["A", "B"]) {
        const { context, page: p } = await pinned(name);
        await p.goto("/templates");
        await expect(p.getByTestId("page-error")).toContainText("The database cannot be reached right now (it may be restarting)");
        await context.close();
      }
    } finally {
      await relay.restore();
    }
    // both recover without a restart of their own
    for (const name of ["A", "B"]) {
      const { context, page: p } = await pinned(name);
      await expect(async () => {
        await p.goto("/templates");
        await expect(p.getByTestId("signed-in-as")).toContainText(OWNER.email, { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await context.close();
    }
    await page.getByRole("button", { name: "Create invitation link" }).click();
    await expect(page.getByTestId("invitation-link")).toBeVisible();
    expect(await invitations()).toBe(before + 1); // the one made after the restart, none from the cut-off post
    for (const i of instances.values()) expect(i.process.exitCode).toBeNull();
    const verified = await runScript("scripts/audit-verify.ts", ["--no-record"], { DATABASE_URL: database.url });
    expect(verified.out).not.toMatch(/BROKEN/);
    expect(verified.code).toBe(0);
    await owner.close();
  } finally {
    await admin.end();
  }
});

// Deploys: the owner's kubeconfig reaches the cluster through a relay the test can slow down and
// hold, so "while A is applying" is a state the test makes, not a race it hopes for.
async function openPlan(page: Page, templateId: string) {
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByRole("checkbox", { name: "prod" }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("plan")).toContainText("ready to deploy");
}

async function recordInProgress(admin: pg.Client, except: string[] = []): Promise<string> {
  let id = "";
  await expect
    .poll(async () => {
      const r = await admin.query<{ id: string }>(`SELECT id FROM "Deployment" WHERE namespace = $1 AND status IN ('pending', 'applying') AND NOT (id = ANY($2))`, [namespace, except]);
      id = r.rows[0]?.id ?? "";
      return id;
    }, { timeout: 60_000, intervals: [50] })
    .not.toBe("");
  return id;
}

let templateId = "";
let memberState: Awaited<ReturnType<BrowserContext["storageState"]>>;

test("two deploys of one app started on A and B at the same moment: one applies, the other is refused", async ({ browser }) => {
  const api = new URL(testEnv("BERTH_TEST_K8S_SERVER"));
  k8sRelay = new TcpRelay({ host: api.hostname, port: Number(api.port || 443) });
  await k8sRelay.start();
  namespace = createNamespace("scale-two");
  templateId = await seedNginxTemplate(OWNER.email, "nginx", {}, database.url);
  balancer.route = (_req, n) => (n % 2 === 0 ? "A" : "B");

  const { context: ownerCtx, page: owner } = await contextWith(browser, ownerState, "A");
  const card = await registerCluster(owner, "prod");
  await attachKubeconfig(card, testKubeconfig().replace(/server: https:\/\/[^\s]+/, `server: https://127.0.0.1:${k8sRelay.port}`));
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v");
  const link = await createInvitationLink(owner, "member");
  const { context: memberCtx, page: member } = await contextWith(browser, undefined, "B");
  await signUp(member, { name: "Scale Member", email: "scale-member@berth.test" }, link);
  await expect(member.getByTestId("signed-in-as")).toContainText("member");
  memberState = await memberCtx.storageState();
  await member.goto("/clusters");
  await attachKubeconfig(member.getByTestId("cluster-prod"));
  await expect(member.getByTestId("cluster-prod").getByTestId("connection-report")).toContainText("Kubernetes v");

  await openPlan(owner, templateId);
  await openPlan(member, templateId);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    // the owner's deploy on A reserves its record, then its cluster traffic is held mid-apply
    k8sRelay.delayMs = 150;
    await owner.getByRole("button", { name: "Deploy", exact: true }).click();
    const first = await recordInProgress(admin);
    k8sRelay.hold();
    // meanwhile the member's deploy of the same app on B: refused, saying who is deploying
    await member.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(member.getByTestId("deploy-results")).toContainText("refused");
    await expect(member.getByTestId("deploy-results")).toContainText("is already deploying nginx to prod/");
    k8sRelay.delayMs = 0;
    k8sRelay.release();
    await expect(owner.getByRole("heading", { name: "deploy nginx" })).toBeVisible({ timeout: 60_000 });
    await expect(owner.getByTestId("deployment-status")).toHaveText("applied");
    const records = await admin.query(`SELECT id, status FROM "Deployment" WHERE namespace = $1`, [namespace]);
    expect(records.rows).toEqual([{ id: first, status: "applied" }]);
    expect(servedBy("POST", "/deployments/new")).toEqual(["A", "B"]);
  } finally {
    await admin.end();
    await Promise.all([ownerCtx.close(), memberCtx.close()]);
  }
});

test("an instance killed mid-deploy: the other finishes the record as abandoned, with its audit event", async ({ browser }) => {
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const { context: ownerCtx, page: owner } = await contextWith(browser, ownerState, "A");
  try {
    const before = (await admin.query<{ id: string }>(`SELECT id FROM "Deployment" WHERE namespace = $1`, [namespace])).rows.map((r) => r.id);
    await openPlan(owner, templateId);
    k8sRelay.delayMs = 150;
    await owner.getByRole("button", { name: "Deploy", exact: true }).click();
    const record = await recordInProgress(admin, before);
    k8sRelay.hold();
    await instances.get("A")!.stop("SIGKILL"); // no shutdown, no finally: the record is left in progress
    instances.delete("A");
    k8sRelay.delayMs = 0;
    k8sRelay.release();

    // B's sweep notices the lease ran out and finishes the record, audited in the team's chain
    await expect
      .poll(async () => (await admin.query(`SELECT status FROM "Deployment" WHERE id = $1`, [record])).rows[0].status, { timeout: 60_000 })
      .toBe("failed");
    const row = (await admin.query(`SELECT message, manifest FROM "Deployment" WHERE id = $1`, [record])).rows[0];
    expect(row.message).toMatch(/^Abandoned: the server applying it stopped renewing it/);
    expect(row.manifest).toContain("kind: StatefulSet"); // nothing lost: the record keeps what was being applied
    const events = await admin.query(`SELECT action, result, "actorId" FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY id`, [record]);
    expect(events.rows).toEqual([
      { action: "deploy.start", result: "success", actorId: expect.any(String) },
      { action: "deploy.abandon", result: "failure", actorId: null },
    ]);
    // and B shows it so
    const { context: memberCtx, page: member } = await contextWith(browser, memberState, "B");
    await member.goto(`/deployments/${record}`);
    await expect(member.getByTestId("deployment-status")).toHaveText("failed");
    await memberCtx.close();
    const verified = await runScript("scripts/audit-verify.ts", ["--no-record"], { DATABASE_URL: database.url });
    expect(verified.code).toBe(0);
  } finally {
    await admin.end();
    await ownerCtx.close();
  }
});

async function contextWith(browser: Browser, storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined, pinned: "A" | "B") {
  const context = await browser.newContext({ baseURL: base, storageState, extraHTTPHeaders: { "x-berth-test-instance": pinned } });
  return { context, page: await context.newPage() };
}
