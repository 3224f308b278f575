import { beforeAll, describe, expect, it } from "vitest";
import { GET as auditExport } from "@/app/api/v1/audit/export/route";
import { GET as auditList } from "@/app/api/v1/audit/route";
import { GET as clustersList } from "@/app/api/v1/clusters/route";
import { GET as deploymentGet } from "@/app/api/v1/deployments/[id]/route";
import { GET as deploymentsList, POST as deploy } from "@/app/api/v1/deployments/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as render } from "@/app/api/v1/templates/[template]/render/route";
import { GET as templateGet } from "@/app/api/v1/templates/[template]/route";
import { GET as templatesList } from "@/app/api/v1/templates/route";
import * as s from "@/lib/api/v1/schemas";
import { callApi, newToken, type ApiAnswer } from "@/scripts/test-support/api-client";
import { addMember, auditEventsFor, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import { createApiToken, listMyApiTokens, listTeamApiTokens, revokeApiToken } from "../api-tokens";
import type { Ctx } from "../authz";
import { registerCluster } from "../clusters";
import { db } from "../db";
import { AppError } from "../errors";
import { changeMemberRole, removeMember } from "../teams";
import { MAX_BODY_BYTES, REQUESTS_PER_MINUTE } from "./handler";

// API tokens on real Postgres through the real route handlers: a token acts as its user with its
// role cap, only in its team; expired, revoked and orphaned tokens are refused with clear problem
// details; refusals and actions through a token are audited with the token's name.
let teamA: { ctx: Ctx; teamId: string };
let teamB: { ctx: Ctx; teamId: string };
let member: Ctx;
let templateA = "";
let templateB = "";
let clusterB = "";

const problemOf = (r: ApiAnswer, status: number, code: s.ProblemCode) => {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/problem+json");
  const p = s.problem.parse(r.json);
  expect(p.code).toBe(code);
  expect(p.type).toBe(`urn:berth:problem:${code}`);
  return p;
};

const membershipId = async (c: Ctx) => (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: c.teamId, userId: c.userId } } })).id;

const deployBody = (o: Partial<s.DeployRequest> = {}) => ({ template: "web", clusters: ["staging"], namespace: "web", values: { image: "nginx:1.27" }, ...o });

beforeAll(async () => {
  const a = await newTeam("api-a");
  const b = await newTeam("api-b");
  teamA = { ctx: a.ctx, teamId: a.teamId };
  teamB = { ctx: b.ctx, teamId: b.teamId };
  member = (await addMember(a.teamId, "member")).ctx;
  templateA = await createNginxTemplate(teamA.ctx, "web", { app: "web" });
  await createNginxTemplate(teamA.ctx, "worker", { app: "worker" });
  templateB = await createNginxTemplate(teamB.ctx, "b-secret", { app: "b-secret" });
  await registerCluster(teamA.ctx, { name: "staging", description: "", profile: "generic" });
  clusterB = await registerCluster(teamB.ctx, { name: "b-prod", description: "", profile: "generic" });
});

describe("creating, listing and revoking tokens", () => {
  it("shows a berth_ secret once and stores only its hash", async () => {
    const { token, secret } = await createApiToken({ userId: member.userId }, { name: "ci", teamId: teamA.teamId, role: "member", expiresInDays: 90 });
    expect(secret).toMatch(/^berth_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(row.prefix).toBe(secret.slice(0, 12));
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90);
    expect((await listMyApiTokens(member.userId)).map((t) => t.id)).toContain(token.id);
    const created = (await auditEventsFor(teamA.teamId, "api_token.create")).find((e) => e.targetId === token.id)!;
    expect(created.actorId).toBe(member.userId);
    expect(JSON.stringify(created.summary)).not.toContain(secret);
  });

  it("refuses a role above the user's own (a viewer gets read tokens only)", async () => {
    const viewer = (await addMember(teamA.teamId, "viewer")).ctx;
    await expect(createApiToken({ userId: viewer.userId }, { name: "x", teamId: teamA.teamId, role: "member", expiresInDays: 30 })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "invalid" && e.fieldErrors.role?.[0] === "Viewers can only create read tokens.",
    );
    const refused = await auditEventsFor(teamA.teamId, "api_token.create");
    expect(refused.some((e) => e.actorId === viewer.userId && e.result === "failure")).toBe(true);
    await expect(createApiToken({ userId: viewer.userId }, { name: "x", teamId: teamB.teamId, role: "viewer", expiresInDays: 30 })).rejects.toBeInstanceOf(AppError);
  });

  it("lets owners see and revoke the team's tokens, and members only their own", async () => {
    const mine = await newToken(member, "member", "members");
    const other = (await addMember(teamA.teamId, "member", "other")).ctx;
    await expect(revokeApiToken({ userId: other.userId }, mine.id)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    await expect(listTeamApiTokens(member)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
    expect((await listTeamApiTokens(teamA.ctx)).map((t) => t.id)).toContain(mine.id);
    await revokeApiToken({ userId: teamA.ctx.userId }, mine.id);
    const r = await callApi(me, { token: mine.secret });
    expect(problemOf(r, 401, "token_revoked").detail).toContain("was revoked");
    const revoked = (await auditEventsFor(teamA.teamId, "api_token.revoke")).find((e) => e.targetId === mine.id)!;
    expect(revoked.actorId).toBe(teamA.ctx.userId);
  });
});

describe("authentication", () => {
  it("answers /me with the user, team and effective role", async () => {
    const t = await newToken(member, "member");
    const r = await callApi(me, { token: t.secret });
    expect(r.status).toBe(200);
    const body = s.meResponse.parse(r.json);
    expect(body).toMatchObject({ team: { id: teamA.teamId }, role: "member", token: { id: t.id, role: "member" } });
  });

  it("refuses a missing, malformed or unknown token with problem+json", async () => {
    problemOf(await callApi(me), 401, "unauthenticated");
    problemOf(await callApi(me, { headers: { authorization: "Basic abc" } }), 401, "unauthenticated");
    problemOf(await callApi(me, { token: "berth_" + "A".repeat(43) }), 401, "unauthenticated");
    problemOf(await callApi(me, { token: "x".repeat(5000) }), 401, "unauthenticated");
  });

  it("refuses an expired token and audits the attempt", async () => {
    const t = await newToken(member, "member", "expired one");
    await db().apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(problemOf(await callApi(me, { token: t.secret }), 401, "token_expired").detail).toContain("expired one");
    const refused = (await auditEventsFor(teamA.teamId, "api_token.refused")).filter((e) => e.targetId === t.id);
    expect(refused).toHaveLength(1);
    expect(refused[0].result).toBe("failure");
  });

  it("stops a removed member's tokens at once, and rejoining does not revive them", async () => {
    const gone = (await addMember(teamA.teamId, "member", "leaver")).ctx;
    const t = await newToken(gone, "member");
    expect((await callApi(me, { token: t.secret })).status).toBe(200);
    await removeMember(teamA.ctx, await membershipId(gone));
    expect(problemOf(await callApi(me, { token: t.secret }), 401, "token_revoked").detail).toContain("no longer a member");
    await db().membership.create({ data: { teamId: teamA.teamId, userId: gone.userId, role: "member" } });
    problemOf(await callApi(me, { token: t.secret }), 401, "token_revoked");
  });

  it("caps a demoted member's deploy token at their new role", async () => {
    const demoted = (await addMember(teamA.teamId, "member", "demoted")).ctx;
    const t = await newToken(demoted, "member");
    await changeMemberRole(teamA.ctx, await membershipId(demoted), "viewer");
    expect(s.meResponse.parse((await callApi(me, { token: t.secret })).json).role).toBe("viewer");
    expect((await callApi(templatesList, { token: t.secret })).status).toBe(200);
    problemOf(await callApi(deploy, { token: t.secret, body: deployBody() }), 403, "forbidden");
  });

  it("rate-limits per token in Postgres with Retry-After", async () => {
    const t = await newToken(member, "viewer", "busy");
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    if (Date.now() - windowStart.getTime() > 55_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() - windowStart.getTime()) + 100));
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await db().rateLimitBucket.create({ data: { key: `api:token:${t.id}`, windowStart: start, count: REQUESTS_PER_MINUTE } });
    const r = await callApi(me, { token: t.secret });
    problemOf(r, 429, "rate_limited");
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("scopes", () => {
  it("a read token cannot deploy: 403, nothing recorded, the refusal audited with the token's name", async () => {
    const t = await newToken(member, "viewer", "read-only pipeline");
    const before = await db().deployment.count({ where: { teamId: teamA.teamId } });
    const p = problemOf(await callApi(deploy, { token: t.secret, body: deployBody() }), 403, "forbidden");
    expect(p.detail).toBe("Viewers cannot deploy.");
    expect(await db().deployment.count({ where: { teamId: teamA.teamId } })).toBe(before);
    const denied = (await auditEventsFor(teamA.teamId, "authz.denied")).filter((e) => e.actorId === member.userId);
    expect(denied.at(-1)!.summary).toMatchObject({ permission: "deploy.run", role: "viewer", via: { type: "api_token", id: t.id, name: "read-only pipeline" } });
  });

  it("a read token reads: templates, one template by name, render", async () => {
    const t = await newToken(member, "viewer");
    const list = s.templateList.parse((await callApi(templatesList, { token: t.secret })).json);
    expect(list.items.map((i) => i.name).sort()).toEqual(["web", "worker"]);
    const web = s.templateDetail.parse((await callApi(templateGet, { token: t.secret, params: { template: "web" } })).json);
    expect(web.id).toBe(templateA);
    expect(web.versions.map((v) => v.version)).toEqual([1]);
    const r = await callApi(render, { token: t.secret, params: { template: "web" }, body: { values: { image: "nginx:1.27.1" } } });
    expect(r.status).toBe(200);
    const rendered = s.renderResponse.parse(r.json);
    expect(rendered.version).toBe(1);
    expect(rendered.objects.map((o) => o.kind)).toContain("StatefulSet");
    expect(rendered.manifest).toContain("image: nginx:1.27.1");
    expect(rendered.manifest.split(/^---$/m).length).toBeGreaterThan(2);
  });

  it("names a template by id or exact name; two of one name must be named by id", async () => {
    const t = await newToken(member, "viewer", "names");
    const byId = s.templateDetail.parse((await callApi(templateGet, { token: t.secret, params: { template: templateA } })).json);
    expect(byId.name).toBe("web");
    problemOf(await callApi(templateGet, { token: t.secret, params: { template: "we" } }), 404, "not_found");
    await createNginxTemplate(teamA.ctx, "twin", { app: "twin-a" });
    await createNginxTemplate(teamA.ctx, "twin", { app: "twin-b" });
    const p = problemOf(await callApi(templateGet, { token: t.secret, params: { template: "twin" } }), 400, "invalid");
    expect(p.errors.template[0]).toMatch(/Several templates are named "twin"/);
    await db().template.updateMany({ where: { teamId: teamA.teamId, name: "twin" }, data: { archivedAt: new Date() } });
  });

  it("a team-A token sees nothing of team B", async () => {
    const t = await newToken(teamA.ctx, "member", "a-owner");
    problemOf(await callApi(templateGet, { token: t.secret, params: { template: templateB } }), 404, "not_found");
    problemOf(await callApi(templateGet, { token: t.secret, params: { template: "b-secret" } }), 404, "not_found");
    const clusters = s.clusterList.parse((await callApi(clustersList, { token: t.secret })).json);
    expect(clusters.items.map((c) => c.name)).toEqual(["staging"]);
    expect(clusters.items[0].hasCredential).toBe(false);
    const refused = problemOf(await callApi(deploy, { token: t.secret, body: deployBody({ clusters: [clusterB] }) }), 400, "invalid");
    expect(refused.errors["clusters.0"]).toBeDefined();
    const bDeployment = await db().deployment.create({
      data: { teamId: teamB.teamId, clusterId: clusterB, actorId: teamB.ctx.userId, templateId: templateB, appName: "b-secret", namespace: "x", status: "applied", parameters: {}, manifest: "", results: [] },
    });
    problemOf(await callApi(deploymentGet, { token: t.secret, params: { id: bDeployment.id } }), 404, "not_found");
    const history = s.deploymentList.parse((await callApi(deploymentsList, { token: t.secret })).json);
    expect(history.items.map((d) => d.id)).not.toContain(bDeployment.id);
    const audit = s.auditList.parse((await callApi(auditList, { token: t.secret, query: { limit: "200" } })).json);
    expect(audit.items.every((e) => e.actorId !== teamB.ctx.userId)).toBe(true);
  });
});

describe("the audit trail through a token", () => {
  it("lists and exports with the visibility of the token's role: own events and the team's deploys, also for an owner's token", async () => {
    const memberToken = await newToken(member, "viewer", "auditor");
    const ownerToken = await newToken(teamA.ctx, "viewer", "owner auditor");
    const own = s.auditList.parse((await callApi(auditList, { token: memberToken.secret, query: { limit: "200" } })).json);
    expect(own.scope).toBe("own");
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((e) => e.actorId === member.userId || e.action.startsWith("deploy."))).toBe(true);
    // tokens are viewer or member: the whole team's trail stays with owners/admins in the console
    const ownerView = s.auditList.parse((await callApi(auditList, { token: ownerToken.secret, query: { limit: "200" } })).json);
    expect(ownerView.scope).toBe("own");
    expect(ownerView.items.every((e) => e.actorId === teamA.ctx.userId || e.action.startsWith("deploy."))).toBe(true);

    const exported = await callApi(auditExport, { token: memberToken.secret, query: { format: "json", action: "api_token.create" } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const events = exported.json as Array<{ actorId: string; action: string }>;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.actorId === member.userId && e.action === "api_token.create")).toBe(true);
    const csv = await callApi(auditExport, { token: memberToken.secret, query: { format: "csv" } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    problemOf(await callApi(auditExport, { token: memberToken.secret, query: { format: "xml" } }), 400, "invalid");
    problemOf(await callApi(auditList, { token: memberToken.secret, query: { from: "yesterday" } }), 400, "invalid");
  });
});

describe("bad input is a 4xx problem with field errors, never a 500", () => {
  let secret = "";
  beforeAll(async () => {
    secret = (await newToken(member, "member", "typos")).secret;
  });

  it.each([
    ["a wrong type", { ...deployBody(), clusters: "staging" }, "clusters"],
    ["an unknown field", { ...deployBody(), namepsace: "web" }, ""],
    ["a bad namespace", deployBody({ namespace: "Not_OK" }), "namespace"],
    ["a prototype key in values", { ...deployBody(), values: JSON.parse('{"__proto__": "x"}') }, "values.__proto__"],
    ["too many clusters", deployBody({ clusters: Array.from({ length: 21 }, (_, i) => `c${i}`) }), "clusters"],
    ["a version that is no number", { ...deployBody(), version: "newest" }, "version"],
    ["an unknown template", deployBody({ template: "nope" }), ""],
  ])("%s", async (_what, body, field) => {
    const r = await callApi(deploy, { token: secret, body });
    expect([400, 404]).toContain(r.status);
    const p = s.problem.parse(r.json);
    if (field) expect(Object.keys(p.errors)).toContain(field);
  });

  it("refuses invalid JSON, a non-JSON body and an oversized body", async () => {
    problemOf(await callApi(deploy, { token: secret, rawBody: "{nope", headers: { "content-type": "application/json" } }), 400, "invalid");
    problemOf(await callApi(deploy, { token: secret, rawBody: "template=web", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    problemOf(await callApi(deploy, { token: secret, rawBody: JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) }), headers: { "content-type": "application/json" } }), 413, "payload_too_large");
  });

  it("names a parameter value the template refuses", async () => {
    const r = await callApi(render, { token: secret, params: { template: "web" }, body: { values: { image: "" , nope: "1" } } });
    const p = problemOf(r, 400, "invalid");
    expect(Object.keys(p.errors).some((k) => k.startsWith("values."))).toBe(true);
  });

  it("refuses a cursor it did not hand out", async () => {
    problemOf(await callApi(templatesList, { token: secret, query: { cursor: "garbage" } }), 400, "invalid");
    problemOf(await callApi(deploymentsList, { token: secret, query: { cursor: Buffer.from('{"t":"x","i":"y"}').toString("base64url") } }), 400, "invalid");
  });

  it("pages the template list with cursors", async () => {
    const first = s.templateList.parse((await callApi(templatesList, { token: secret, query: { limit: "1" } })).json);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = s.templateList.parse((await callApi(templatesList, { token: secret, query: { limit: "1", cursor: first.nextCursor! } })).json);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
  });
});
