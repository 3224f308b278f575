import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { parse, stringify } from "yaml";
import { signIn, signUp } from "./support/accounts";
import { attachKubeconfig, kubectl, registerCluster, testKubeconfig } from "./support/cluster";
import { NGINX_IMAGE_1 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// The container image's server, run as the image runs it (`node --require ./peer-address.cjs
// server.js` in the assembled `.next/standalone`, no launcher, no tsx, no source tree) on its own
// fresh Postgres database, migrated by the image's migration runner. A first user signs up and
// deploys with a bearer-token kubeconfig; its JSON logs must name requests and users and must not
// contain the token or the session cookie; SIGTERM stops it.
test.describe.configure({ mode: "serial" });

const root = path.resolve(__dirname, "..");
const distDir = path.join(root, process.env.BERTH_NEXT_DIST_DIR || ".next");
// Run from a copy outside the checkout, as in the image's /app: nothing may resolve from the source tree.
const workDir = mkdtempSync(path.join(tmpdir(), "berth-standalone-"));
const standalone = path.join(workDir, "app");
const adminUrl = process.env.BERTH_TEST_PG_URL ?? "";
const dbName = `berth_standalone_${process.pid}`;
const databaseUrl = `${adminUrl.replace(/\/[^/]*$/, "")}/${dbName}`;
const metricsToken = randomBytes(24).toString("hex");
const user = { name: "Sam Standalone", email: "sam@standalone.test" };

let server: ChildProcess;
let exited: Promise<{ code: number | null; signal: string | null }>;
let logs = "";
let namespace = "";
// Its own port beside the e2e server's (e2e helpers navigate relative to baseURL).
const port = Number(process.env.BERTH_E2E_PORT ?? 3100) + 40;
const base = `http://localhost:${port}`;
test.use({ baseURL: base });

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!adminUrl) throw new Error("BERTH_TEST_PG_URL is not set: run through `npm test`");
  execFileSync("bash", ["scripts/assemble-standalone.sh", distDir], { cwd: root, stdio: "pipe" });
  cpSync(path.join(distDir, "standalone"), standalone, { recursive: true });
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  // the image's migration step (deploy/deployment.yaml's init container)
  execFileSync(process.execPath, ["prisma/migrate-deploy.cjs"], { cwd: standalone, env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: databaseUrl }, stdio: "pipe" });
  server = spawn(process.execPath, ["--require", "./peer-address.cjs", "--require", "./json-console.cjs", "server.js"], {
    cwd: standalone,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      BERTH_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      AUTH_URL: base,
      BERTH_METRICS_TOKEN: metricsToken,
      BERTH_SHUTDOWN_GRACE_SECONDS: "10",
    },
  });
  server.stdout!.on("data", (d) => (logs += d));
  server.stderr!.on("data", (d) => (logs += d));
  exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
  await expect.poll(async () => (await fetch(`${base}/api/health/ready`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  if (namespace) deleteNamespace(namespace);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  rmSync(workDir, { recursive: true, force: true });
});

test("the standalone server serves a signed-in page against Postgres, with its static files and public/", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/") && r.status() !== 200) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/");
  await expect(page).toHaveURL(/\/signup$/);
  await signUp(page, user);
  await expect(page).toHaveURL(/\/templates/);
  await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
  // the page is styled and hydrated: its CSS and scripts came from .next/static
  expect(await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length)).toBeGreaterThan(0);
  expect(failed).toEqual([]);
  expect((await fetch(`${base}/robots.txt`)).status).toBe(200);
});

test("a full deploy: request ids and user ids on its log lines, never the kubeconfig token or the session cookie; /metrics counts it", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, user.email);
  await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
  // a bearer-token kubeconfig: a service account allowed to deploy into its own namespace
  namespace = createNamespace("ops-standalone");
  kubectl("create", "serviceaccount", "deployer", "-n", namespace);
  kubectl("create", "rolebinding", "deployer", "--clusterrole=admin", `--serviceaccount=${namespace}:deployer`, "-n", namespace);
  const token = kubectl("create", "token", "deployer", "-n", namespace, "--duration=1h").trim();
  const admin = parse(testKubeconfig());
  const kubeconfig = stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "test", cluster: admin.clusters[0].cluster }],
    users: [{ name: "deployer", user: { token } }],
    contexts: [{ name: "deployer", context: { cluster: "test", user: "deployer", namespace } }],
    "current-context": "deployer",
  });
  const card = await registerCluster(page, "standalone");
  await attachKubeconfig(card, kubeconfig);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v");

  const templateId = await seedNginxTemplate(user.email, "nginx standalone", {}, databaseUrl);
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByLabel(/^Image/).fill(NGINX_IMAGE_1);
  await page.getByRole("checkbox", { name: "standalone" }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("plan")).toContainText("ready to deploy");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "deploy nginx" })).toBeVisible();
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 60_000 });

  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session?.value.length).toBeGreaterThan(20);
  // Every line is a JSON object (Next's own banner and warnings too, through json-console.cjs).
  const lines = logs.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.every((l) => typeof l.level === "string" && typeof l.msg === "string" && typeof l.time === "string")).toBe(true);
  expect(lines.some((l) => l.source === "console" && /Ready|Next\.js/.test(String(l.msg)))).toBe(true);
  const requests = lines.filter((l) => l.msg === "request");
  expect(requests.length).toBeGreaterThan(10);
  for (const l of requests) expect(l.requestId).toEqual(expect.stringMatching(/^[\w.:-]+$/));
  const { userId } = await fetchUserId();
  // every signed-in page and action of the deploy names the user
  expect(requests.filter((l) => l.route === "/deployments/new" && l.userId === userId).length).toBeGreaterThan(0);
  expect(requests.filter((l) => l.route === "/deployments/[id]" && l.userId === userId).length).toBeGreaterThan(0);
  expect(logs).not.toContain(token);
  expect(logs).not.toContain(session!.value);
  expect(logs).not.toContain(session!.value.slice(0, 40));

  const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  expect(metrics).toMatch(/^berth_deploys_total\{kind="deploy",result="applied"\} 1$/m);
  expect(metrics).toMatch(/^berth_http_requests_total\{route="\/deployments\/new",method="POST",status="200"\} [1-9]\d*$/m);
  expect(metrics).toMatch(/^berth_http_request_duration_seconds_count\{route="\/deployments\/\[id\]",method="GET",status="200"\} [1-9]\d*$/m);
  expect((await fetch(`${base}/metrics`)).status).toBe(401);
});

test("SIGTERM: the instance stops taking requests and exits", async () => {
  server.kill("SIGTERM");
  const { code, signal } = await exited;
  expect(code === 143 || signal === "SIGTERM").toBe(true);
  await expect(fetch(`${base}/api/health/live`)).rejects.toThrow();
  expect(logs).toContain('"msg":"shutting down: no new requests; waiting for running deploys"');
});

/** The signed-up user's id, from the database this server uses. */
async function fetchUserId(): Promise<{ userId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [user.email]);
    return { userId: rows[0].id };
  } finally {
    await client.end();
  }
}
