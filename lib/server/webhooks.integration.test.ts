import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebhookEvent } from "@/lib/approvals/webhook-events";
import { addMember, newTeam, restoreSettings, useSettings } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { db } from "./db";
import { AppError } from "./errors";
import { metrics } from "./observability/metrics";
import { backoffMs, deliverDueWebhooks } from "./webhook-delivery";
import { enqueueWebhookEvent } from "./webhook-outbox";
import { createWebhook, deleteWebhook, listWebhooks } from "./webhooks";

// Outgoing webhooks against a real local HTTP receiver: signed bodies, retries with backoff (time
// injected), the outbox shared by concurrent workers without double delivery, and the URL treated
// as hostile (private addresses refused unless allowed, redirects not followed).
type Hit = { path: string; headers: http.IncomingHttpHeaders; body: string };
let server: http.Server;
let base = "";
const hits: Hit[] = [];
let answer: (hit: Hit, n: number) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 });

let owner: Ctx;
let teamId = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const hit = { path: req.url ?? "", headers: req.headers, body };
      hits.push(hit);
      const a = answer(hit, hits.filter((h) => h.path === hit.path).length);
      res.writeHead(a.status, a.headers).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = await newTeam("hooks");
  owner = t.ctx;
  teamId = t.teamId;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(async () => {
  restoreSettings();
  hits.length = 0;
  answer = () => ({ status: 200 });
  for (const w of await listWebhooks(owner)) await deleteWebhook(owner, w.id);
});

const facts = (app: string) => ({ team: teamId, actor: "dev@example.com", cluster: "prod", namespace: "shop", app, kind: "deploy", requestId: "r1", deploymentId: null, reason: "release <b>&", message: "" });
const emit = (event: WebhookEvent, app = "web") => db().$transaction((tx) => enqueueWebhookEvent(tx, teamId, event, facts(app)));

function verify(secret: string, hit: Hit): boolean {
  const [t, v1] = String(hit.headers["x-berth-signature"]).split(",").map((p) => p.split("=")[1]);
  const expected = createHmac("sha256", secret).update(`${t}.${hit.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

/** Runs the worker until nothing is due at `now`. */
async function drain(now: Date) {
  for (let i = 0; i < 20; i++) {
    const c = await deliverDueWebhooks(now);
    if (c.delivered + c.retried + c.failed === 0) return;
  }
}

describe("webhooks", () => {
  it("only owners and admins manage them; the secret is shown once; creating and deleting are audited", async () => {
    const member = await addMember(teamId, "member");
    await expect(createWebhook(member.ctx, { url: `${base}/x`, format: "json", events: ["break_glass"] })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
    const { id, secret } = await createWebhook(owner, { url: `${base}/hook/secret-token?x=1`, format: "json", events: ["request.created"] });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const [view] = await listWebhooks(owner);
    expect(view).toMatchObject({ id, url: `${base}/…`, events: ["request.created"] });
    expect(JSON.stringify(view)).not.toContain(secret);
    const stored = await db().webhook.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(stored.secretCipher).toString("latin1")).not.toContain(secret);
    const events = await db().auditEvent.findMany({ where: { chainKey: teamId, action: "webhook.create" } });
    expect(events.at(-1)!.summary).toMatchObject({ url: `${base}/…` });
    expect(JSON.stringify(events.at(-1)!.summary)).not.toContain("secret-token");
  });

  it("delivers a signed JSON body the receiver can verify, only for subscribed events; a Slack body is a text", async () => {
    useSettings({ BERTH_WEBHOOK_ALLOW: "127.0.0.1" });
    const json = await createWebhook(owner, { url: `${base}/json`, format: "json", events: ["request.created", "break_glass"] });
    await createWebhook(owner, { url: `${base}/slack`, format: "slack", events: ["break_glass"] });
    await emit("request.created");
    await emit("request.applied"); // nobody subscribed
    await emit("break_glass");
    await drain(new Date());
    const jsonHits = hits.filter((h) => h.path === "/json");
    expect(jsonHits.map((h) => h.headers["x-berth-event"])).toEqual(expect.arrayContaining(["request.created", "break_glass"]));
    expect(jsonHits).toHaveLength(2);
    for (const h of jsonHits) expect(verify(json.secret, h)).toBe(true);
    expect(verify(json.secret, { ...jsonHits[0], body: jsonHits[0].body.replace("prod", "dev") })).toBe(false);
    expect(JSON.parse(jsonHits[0].body)).toMatchObject({ team: teamId, app: "web", cluster: "prod", namespace: "shop", requestId: "r1" });
    const [slack] = hits.filter((h) => h.path === "/slack");
    expect(JSON.parse(slack.body).text).toMatch(/^:rotating_light: dev@example.com BROKE GLASS for a deploy of \*web\* to prod\/shop\nReason: release &lt;b&gt;&amp;/);
    const [view] = (await listWebhooks(owner)).filter((w) => w.id === json.id);
    expect(view.deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
  });

  it("retries with backoff: a receiver that fails twice gets the third delivery (time injected)", async () => {
    useSettings({ BERTH_WEBHOOK_ALLOW: "127.0.0.1" });
    await createWebhook(owner, { url: `${base}/flaky`, format: "json", events: ["request.approved"] });
    answer = (_hit, n) => ({ status: n <= 2 ? 503 : 204 });
    const counted = async (result: string) => (await metrics().webhookDeliveries.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
    const before = { failed: await counted("failed"), delivered: await counted("delivered") };
    await emit("request.approved");
    const t0 = new Date();
    expect(await deliverDueWebhooks(t0)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await deliverDueWebhooks(t0)).toEqual({ delivered: 0, retried: 0, failed: 0 }); // not due yet
    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await deliverDueWebhooks(t1)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(await deliverDueWebhooks(t2)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const flaky = hits.filter((h) => h.path === "/flaky");
    expect(flaky).toHaveLength(3);
    // The same event each time (receivers de-duplicate by its id).
    expect(new Set(flaky.map((h) => JSON.parse(h.body).id)).size).toBe(1);
    const [row] = await db().webhookDelivery.findMany({ where: { teamId, event: "request.approved" } });
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204 });
    // /metrics counts each attempt by result (berth_webhook_deliveries_total).
    expect({ failed: await counted("failed"), delivered: await counted("delivered") }).toEqual({ failed: before.failed + 2, delivered: before.delivered + 1 });
  });

  it("concurrent workers never deliver the same event twice", async () => {
    useSettings({ BERTH_WEBHOOK_ALLOW: "127.0.0.1" });
    await createWebhook(owner, { url: `${base}/many`, format: "json", events: ["request.created"] });
    for (let i = 0; i < 60; i++) await emit("request.created", `app-${i}`);
    // Four workers at once, each on its own pooled connection, as several instances would be.
    const now = new Date();
    await Promise.all([drain(now), drain(now), drain(now), drain(now)]);
    const ids = hits.filter((h) => h.path === "/many").map((h) => JSON.parse(h.body).id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });

  it("treats the URL as hostile: private addresses refused unless allowed, redirects not followed, bad URLs refused at the edge", async () => {
    await createWebhook(owner, { url: `${base}/private`, format: "json", events: ["request.created"] });
    await emit("request.created");
    await deliverDueWebhooks(new Date());
    expect(hits).toHaveLength(0);
    const [refused] = await db().webhookDelivery.findMany({ where: { teamId, status: "pending" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(refused.lastError).toMatch(/loopback or private address/);
    await db().webhookDelivery.deleteMany({ where: { teamId } });

    useSettings({ BERTH_WEBHOOK_ALLOW: "127.0.0.1" });
    for (const w of await listWebhooks(owner)) await deleteWebhook(owner, w.id);
    await createWebhook(owner, { url: `${base}/redirect`, format: "json", events: ["request.created"] });
    answer = (hit) => (hit.path === "/redirect" ? { status: 302, headers: { location: `${base}/elsewhere` } } : { status: 200 });
    await emit("request.created");
    await deliverDueWebhooks(new Date());
    expect(hits.map((h) => h.path)).toEqual(["/redirect"]);
    const [redirected] = await db().webhookDelivery.findMany({ where: { teamId }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(redirected).toMatchObject({ lastStatusCode: 302, status: "pending" });
    expect(redirected.lastError).toMatch(/does not follow redirects/);

    const { webhookInputSchema } = await import("@/lib/approvals/webhook-input");
    const bad = (url: string) => webhookInputSchema.safeParse({ url, format: "json", events: ["break_glass"] }).error?.issues[0].message;
    expect(bad("ftp://example.com/x")).toMatch(/https/);
    expect(bad("https://user:pw@example.com/x")).toMatch(/user name or password/);
    expect(bad(`https://example.com/${"a".repeat(2100)}`)).toMatch(/2048/);
    expect(bad("not a url")).toMatch(/not a URL/);
  });
});
