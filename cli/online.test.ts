import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { problem, rollout, startFakeBerth, TOKEN, type FakeBerth, type Route, type SeenRequest } from "./testing/fake-berth";
import { runCli } from "./testing/run-cli";

// The online commands, run as the real `berth` process against a local server that answers as
// /api/v1 does (work/notes contract) — or as a hostile server would.
vi.setConfig({ testTimeout: 60_000 });

let home: string;
let servers: FakeBerth[] = [];
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "berth-cli-home-"));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(route: Route): Promise<FakeBerth> {
  const s = await startFakeBerth(route);
  servers.push(s);
  return s;
}
const env = (s: FakeBerth, extra: Record<string, string> = {}) => ({ BERTH_URL: s.url, BERTH_TOKEN: TOKEN, BERTH_POLL_INTERVAL: "50ms", XDG_CONFIG_HOME: path.join(home, "none"), ...extra });
const posts = (s: FakeBerth, p: string) => s.requests.filter((r) => r.method === "POST" && r.path === p);

const ME = { user: { id: "u1", email: "ci@example.com", name: "CI" }, team: { id: "t1", name: "Platform" }, role: "member", token: { id: "k1", name: "github-actions", role: "member", expiresAt: "2027-03-01T00:00:00.000Z" } };
const applied = (cluster = "staging", id = "d1") => ({ status: 201, body: { appName: "web", template: { id: "tpl", name: "web" }, version: 3, status: "applied", results: [{ clusterId: "c1", clusterName: cluster, status: "applied", deploymentId: id, message: "applied" }] } });

describe("berth login and the server settings", () => {
  it("checks the token, saves URL and token 0600 (folder 0700), never prints the token, and later commands use the file", async () => {
    const s = await serve((r) => (r.path === "/api/v1/me" ? { status: 200, body: ME } : { status: 200, body: { items: [{ id: "tpl", name: "web", description: "shop", visibility: "team", archived: false, latestVersion: 3, updatedAt: "2026-12-05T10:00:00Z" }], nextCursor: null } }));
    const xdg = path.join(home, "xdg1");
    const login = await runCli(["login", "--url", `${s.url}/`, "--token", TOKEN], { env: { XDG_CONFIG_HOME: xdg } });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('as ci@example.com — team Platform, role member (token "github-actions", expires 2027-03-01)');
    expect(login.stdout + login.stderr).not.toContain(TOKEN);
    const file = path.join(xdg, "berth", "config.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ url: s.url, token: TOKEN });
    expect(s.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);

    const ls = await runCli(["templates", "ls"], { env: { XDG_CONFIG_HOME: xdg } });
    expect(ls.code).toBe(0);
    expect(ls.stdout.split("\n")[0]).toMatch(/^NAME\s+VERSION\s+VISIBILITY\s+UPDATED\s+DESCRIPTION$/);
    expect(ls.stdout).toMatch(/^web\s+3\s+team\s+2026-12-05 10:00\s+shop$/m);
    expect(s.requests[1].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reads the token from stdin with --token -, and never sends a saved token to another server named by BERTH_URL", async () => {
    const saved = await serve(() => ({ status: 200, body: ME }));
    const other = await serve(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    const xdg = path.join(home, "xdg2");
    expect((await runCli(["login", "--url", saved.url, "--token", TOKEN], { env: { XDG_CONFIG_HOME: xdg } })).code).toBe(0);
    const fromStdin = await runCli(["login", "--url", saved.url, "--token", "-"], { env: { XDG_CONFIG_HOME: path.join(home, "xdg2b") }, stdin: `${TOKEN}\n` });
    expect(fromStdin.code).toBe(0);
    expect(saved.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const r = await runCli(["templates", "ls"], { env: { XDG_CONFIG_HOME: xdg, BERTH_URL: other.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no token for this server: set BERTH_TOKEN");
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a bad token at login with the server's reason (exit 3) and writes nothing", async () => {
    const s = await serve(() => problem(401, "token_expired", "This token expired on 2026-11-01."));
    const xdg = path.join(home, "xdg3");
    const r = await runCli(["login", "--url", s.url, "--token", TOKEN], { env: { XDG_CONFIG_HOME: xdg } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("This token expired on 2026-11-01. [token_expired]");
    expect(fs.existsSync(path.join(xdg, "berth"))).toBe(false);
  });

  it("refuses plain http to another host unless --insecure, before connecting", async () => {
    const r = await runCli(["templates", "ls"], { env: { BERTH_URL: "http://berth.example.invalid", BERTH_TOKEN: TOKEN } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("refusing to send the token over plain http to berth.example.invalid");
    const insecure = await runCli(["templates", "ls", "--insecure"], { env: { BERTH_URL: "http://berth.example.invalid", BERTH_TOKEN: TOKEN } });
    expect(insecure.code).toBe(5);
    expect(insecure.stderr).toContain("could not reach http://berth.example.invalid");
  });
});

describe("a hostile server", () => {
  it("gets no redirect followed: the token never reaches the redirect's target", async () => {
    const target = await serve(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    const s = await serve(() => ({ status: 307, headers: { location: `${target.url}/api/v1/templates` } }));
    const r = await runCli(["templates", "ls"], { env: env(s) });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("the server answered 307 (a redirect to");
    expect(target.requests).toHaveLength(0);
  });

  it("cannot make the CLI read an endless answer: refused past 16 MiB", async () => {
    const s = await serve(() => ({ status: 200, raw: Buffer.alloc(17 * 1024 * 1024, 0x20) }));
    const r = await runCli(["history"], { env: env(s) });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("the server's answer is larger than 16 MiB; refused");
  });

  it("cannot make the CLI print the token or terminal escapes, and an unexpected shape is named", async () => {
    const s = await serve((r) => (r.path === "/api/v1/templates" ? problem(403, "forbidden", `no \u001b[2J${TOKEN} for you\nfake line`) : { status: 200, body: { items: [{ id: 7 }] } }));
    const r = await runCli(["templates", "ls"], { env: env(s) });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toContain("berth templates: no  [2Jberth_*** for you fake line [forbidden]\n");
    const shape = await runCli(["history"], { env: env(s) });
    expect(shape.code).toBe(5);
    expect(shape.stderr).toContain("unexpected answer from the server (items.0.id:");
  });
});

describe("berth deploy", () => {
  it("deploys TEMPLATE@VERSION with --set, prints each ordinal as it becomes Ready and exits 0 at Ready", async () => {
    let polls = 0;
    const s = await serve((r) => {
      if (r.path === "/api/v1/deployments") return applied();
      polls++;
      return { status: 200, body: polls === 1 ? rollout("progressing", 3, 1) : polls === 2 ? rollout("progressing", 3, 2) : rollout("ready", 3, 3) };
    });
    const r = await runCli(["deploy", "web@3", "--cluster", "staging", "--namespace", "shop", "--set", "imageTag=1.2.3", "--wait", "--timeout", "1m"], { env: env(s) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [post] = posts(s, "/api/v1/deployments");
    expect(post.body).toEqual({ template: "web", version: 3, values: { imageTag: "1.2.3" }, clusters: ["staging"], namespace: "shop", createNamespace: false, force: false, recreate: false, takeOver: false });
    expect(post.headers["idempotency-key"]).toMatch(/^berth-cli-[0-9a-f-]{36}$/);
    expect(r.stdout.split("\n")).toEqual(expect.arrayContaining([
      "staging: applied (deployment d1)", "staging: progressing 1/3 ready", "  staging: web-0 Running, ready", "  staging: web-1 Pending, not ready",
      "staging: progressing 2/3 ready", "  staging: web-1 Running, ready", "staging: ready 3/3 ready", "  staging: web-2 Running, ready", "Ready on staging",
    ]));
    expect(s.requests.filter((q) => q.path === "/api/v1/deployments/d1/rollout")).toHaveLength(3);
  });

  it("retries a call whose connection broke with the same Idempotency-Key, so the server deploys once", async () => {
    const answered = new Map<string, number>();
    const s = await serve((r) => {
      if (r.path !== "/api/v1/deployments") return { status: 404 };
      const key = String(r.headers["idempotency-key"]);
      const seen = answered.get(key) ?? 0;
      answered.set(key, seen + 1);
      // The first request is deployed, then the connection drops before the answer; the retry gets the stored answer.
      return seen === 0 ? "hang-up" : { ...applied(), headers: { "idempotency-replayed": "true" } };
    });
    const r = await runCli(["deploy", "web", "-c", "staging", "-n", "shop"], { env: env(s) });
    expect(r.code).toBe(0);
    const sent = posts(s, "/api/v1/deployments");
    expect(sent).toHaveLength(2);
    expect(sent[0].headers["idempotency-key"]).toBe(sent[1].headers["idempotency-key"]);
    expect(sent[0].body).toEqual(sent[1].body);
    expect([...answered.keys()]).toHaveLength(1);
    // A second invocation is a new deploy: a new key.
    await runCli(["deploy", "web", "-c", "staging", "-n", "shop"], { env: env(s) });
    expect(answered.size).toBe(2);
  });

  it("exits 3 naming the refusal (the plan's missing permission) when a cluster is refused", async () => {
    const s = await serve(() => ({ status: 200, body: { appName: "web", template: { id: "tpl", name: "web" }, version: 3, status: "refused", results: [{ clusterId: "c1", clusterName: "staging", status: "refused", deploymentId: null, message: 'The plan refuses this deploy: cannot create statefulsets.apps in namespace "shop"' }] } }));
    const r = await runCli(["deploy", "web", "-c", "staging", "-n", "shop", "--wait"], { env: env(s) });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('staging: refused: The plan refuses this deploy: cannot create statefulsets.apps in namespace "shop"');
    expect(s.requests.filter((q) => q.path.endsWith("/rollout"))).toHaveLength(0);
  });

  it("exits 1 with the reason when the rollout stalls, and 4 when --timeout passes first", async () => {
    const stalled = await serve((r) => (r.method === "POST" ? applied() : { status: 200, body: rollout("stalled", 2, 0, "web-0: ImagePullBackOff") }));
    const a = await runCli(["deploy", "web", "-c", "staging", "-n", "shop", "--wait"], { env: env(stalled) });
    expect(a.code).toBe(1);
    expect(a.stderr).toContain("staging: the rollout is stalled: web-0: ImagePullBackOff");
    const slow = await serve((r) => (r.method === "POST" ? applied() : { status: 200, body: rollout("progressing", 2, 1) }));
    const b = await runCli(["deploy", "web", "-c", "staging", "-n", "shop", "--wait", "--timeout", "1s"], { env: env(slow) });
    expect(b.code).toBe(4);
    expect(b.stderr).toContain("timed out before the rollout was Ready — staging: progressing");
  });

  it("prints the approval request of a protected target (exit 6); with --wait follows the request to its deploy, then Ready — or exits 3 when it is rejected", async () => {
    let polls = 0;
    let verdict = "applied";
    const request = (status: string, approvals: number) => ({
      id: "req-42", kind: "deploy", status, appName: "web", namespace: "shop", cluster: { id: "c9", name: "prod" }, requester: "ci@example.com", reason: "", approvals, required: 2,
      createdAt: "2026-12-05T00:00:00Z", expiresAt: "2026-12-06T00:00:00Z", message: status === "rejected" ? "Rejected by lead@example.com." : "", deploymentId: status === "applied" ? "d5" : null,
      decisions: status === "rejected" ? [{ approver: "lead@example.com", decision: "reject", comment: "not during the sale", stale: false, createdAt: "2026-12-05T00:01:00Z" }] : [],
    });
    const s = await serve((r) => {
      if (r.method === "POST") return { status: 201, body: { appName: "web", template: { id: "tpl", name: "web" }, version: 3, status: "waiting_for_approval", results: [{ clusterId: "c9", clusterName: "prod", status: "waiting_for_approval", deploymentId: null, message: "prod/shop is protected: nothing was applied.", approvalRequestId: "req-42" }] } };
      if (r.path === "/api/v1/requests/req-42") {
        polls++;
        return { status: 200, body: polls === 1 ? request("pending", 0) : polls === 2 ? request("pending", 1) : request(verdict, 2) };
      }
      return { status: 200, body: rollout("ready", 1, 1) };
    });
    const held = await runCli(["deploy", "web", "-c", "prod", "-n", "shop"], { env: env(s) });
    expect(held.code).toBe(6);
    expect(held.stdout).toContain("prod: waiting for approval (request req-42)");
    expect(held.stderr).toContain("run again with --wait");
    const waited = await runCli(["deploy", "web", "-c", "prod", "-n", "shop", "--wait"], { env: env(s) });
    expect(waited.code).toBe(0);
    expect(waited.stdout).toContain("prod: request req-42 pending (0/2 approvals)");
    expect(waited.stdout).toContain("prod: request req-42 pending (1/2 approvals)");
    expect(waited.stdout).toContain("prod: request req-42 applied");
    expect(s.requests.filter((q) => q.path === "/api/v1/deployments/d5/rollout")).toHaveLength(1);
    polls = 0;
    verdict = "rejected";
    const rejected = await runCli(["deploy", "web", "-c", "prod", "-n", "shop", "--wait"], { env: env(s) });
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toContain("prod: request req-42 was rejected; nothing was deployed: Rejected by lead@example.com. (lead@example.com: not during the sale)");
  });

  it("waits out a 429 (Retry-After) and prints JSON on stdout with -o json", async () => {
    let first = true;
    const s = await serve(() => {
      if (first) {
        first = false;
        return problem(429, "rate_limited", "Too many requests.", {}, { "retry-after": "1" });
      }
      return applied();
    });
    const r = await runCli(["deploy", "web", "-c", "staging", "-n", "shop", "-o", "json"], { env: env(s) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "applied", results: [{ clusterName: "staging", deploymentId: "d1" }] });
    expect(r.stderr).toContain("staging: applied");
  });
});

describe("plan, render, history, redeploy, undeploy", () => {
  const planOf = (ok: boolean) => ({
    appName: "web", manifest: "", template: { id: "tpl", name: "web" }, version: 3,
    clusters: [{ clusterId: "c1", clusterName: "staging", ok, error: null, blockers: [], denials: ok ? [] : ['cannot create statefulsets.apps in namespace "shop"'], fieldErrors: {}, objects: [{ kind: "StatefulSet", name: "web", action: "create", errors: [], conflict: false }] }],
  });

  it("plan: a table per cluster; exit 3 naming the denied permission when the plan refuses", async () => {
    let ok = true;
    const s = await serve(() => ({ status: 200, body: planOf(ok) }));
    const good = await runCli(["plan", "web", "-c", "staging", "-n", "shop"], { env: env(s) });
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^StatefulSet\s+web\s+create$/m);
    ok = false;
    const bad = await runCli(["plan", "web", "-c", "staging", "-n", "shop"], { env: env(s) });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('staging: cannot create statefulsets.apps in namespace "shop"');
  });

  it("render TEMPLATE@VERSION prints the server's manifest; a bad value is exit 1 with the field", async () => {
    const s = await serve((r) => ((r.body as { values: Record<string, string> }).values.replicas === "x"
      ? problem(400, "invalid", "Please correct the highlighted fields.", { "values.replicas": ["Use a whole number."] })
      : { status: 200, body: { template: { id: "tpl", name: "web" }, version: 2, appName: "web", manifest: "kind: Service\n---\nkind: StatefulSet\n", objects: [] } }));
    const r = await runCli(["render", "web@2", "--set", "imageTag=1.2.3"], { env: env(s) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("kind: Service\n---\nkind: StatefulSet\n");
    expect(s.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/templates/web/render", body: { version: 2, values: { imageTag: "1.2.3" } } });
    const bad = await runCli(["render", "web", "--set", "replicas=x"], { env: env(s) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("values.replicas: Use a whole number.");
  });

  it("history lists records with their ids; redeploy and undeploy post to the record with a key", async () => {
    const record = { id: "rec-1", number: 12, kind: "deploy", status: "applied", appName: "web", namespace: "shop", cluster: { id: "c1", name: "staging" }, actor: { name: "CI", email: "ci@example.com" }, template: { id: "tpl", name: "web", version: 3 }, startedAt: "2026-12-05T10:00:00.000Z", live: true };
    const s = await serve((r: SeenRequest) => {
      if (r.method === "GET" && r.path === "/api/v1/deployments") return { status: 200, body: { items: [record], nextCursor: null } };
      if (r.path.endsWith("/undeploy")) return { status: 201, body: { status: "applied", results: [{ clusterId: "c1", clusterName: "staging", status: "applied", deploymentId: "rec-3" }], keptClaims: ["data-web-0"] } };
      if (r.path.endsWith("/redeploy")) return { status: 201, body: { status: "applied", results: [{ clusterId: "c1", clusterName: "staging", status: "applied", deploymentId: "rec-2" }] } };
      return { status: 200, body: rollout("ready", 1, 1) };
    });
    const h = await runCli(["history", "--app", "web"], { env: env(s) });
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^#12\s+deploy\s+applied \(live\)\s+web\s+staging\/shop\s+web@3\s+ci@example.com\s+2026-12-05 10:00:00\s+rec-1$/m);
    expect(s.requests[0].query.get("app")).toBe("web");
    const re = await runCli(["redeploy", "rec-1", "--reason", "rollback", "--wait"], { env: env(s) });
    expect(re.code).toBe(0);
    expect(posts(s, "/api/v1/deployments/rec-1/redeploy")[0]).toMatchObject({ body: { reason: "rollback", force: false, recreate: false, takeOver: false } });
    expect(re.stdout).toContain("Ready on staging");
    const un = await runCli(["undeploy", "rec-1"], { env: env(s) });
    expect(un.code).toBe(0);
    expect(un.stdout).toContain("Volume claims kept: data-web-0");
    expect(posts(s, "/api/v1/deployments/rec-1/undeploy")[0].headers["idempotency-key"]).toMatch(/^berth-cli-/);
  });
});
