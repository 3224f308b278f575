import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseReviewFilter } from "@/lib/audit/review-filter";
import { defaultAppSpec } from "@/lib/manifests";
import { idSchema, inviteSchema, roleChangeSchema } from "@/lib/validation/account";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { z as zod } from "zod";
import { syncApplication } from "./applications-drift";
import { appKeySchema, parseAppFilter } from "./applications-input";
import { logQuerySchema, streamAppLog } from "./applications-logs";
import { deleteAppPod, deleteLeftoverClaim, restartApplication, scaleApplication } from "./applications-ops";
import { listApplications } from "./applications";
import { openAuditExport } from "./audit-export";
import type { Ctx } from "./authz";
import { removeCredential, setCredential, testMyCredential } from "./clusters-credentials";
import { registerClusterSchema, setCredentialSchema } from "./clusters-input";
import { registerCluster, removeCluster } from "./clusters";
import { db } from "./db";
import { deployTemplate, planDeployment, planRedeploy, redeploy, undeploy } from "./deployments";
import { deployInputSchema, historyFilterSchema, redeployInputSchema, undeployInputSchema } from "./deployments-input";
import { deploymentRollout, listDeployments } from "./deployments-query";
import { AppError } from "./errors";
import { createInvitation, revokeInvitation } from "./invitations";
import { changeMemberRole, removeMember } from "./teams";
import {
  createTemplate, duplicateTemplate, listTemplates, restoreTemplateVersion, saveTemplateVersion, setTemplateArchived, setTemplateVisibility,
  type CreateTemplateInput, type SaveVersionInput,
} from "./templates";
import { exportRenderedYaml, exportTemplateFile, importTemplate } from "./templates-io";

// Random and malformed payloads into every server action's data-layer call (through the action's
// own schema, as the action does) and every route handler's data-layer call (through the route's
// own parsing), as a member and as a viewer, on real Postgres. Each call must end in a result or an
// AppError (validation or refusal): never another exception (which the UI would show as
// "unexpected error", a 500 for a route), never a row the caller may not change, never a polluted
// prototype. Fixed seed. The suite runs 1,000 per entry point (500 per role; about 160 s on two
// busy cores: every call is real queries and, for refusals, a chained audit event);
// BERTH_FUZZ_RUNS=10000 for the longer run by hand.
const RUNS = Number(process.env.BERTH_FUZZ_RUNS ?? 1000);
const SEED = 20261128;

type Who = "member" | "viewer";
let ctxs: Record<Who, Ctx>;
let ids: { teamTemplate: string; privateTemplate: string; otherTemplate: string; cluster: string; otherCluster: string; membership: string; invitation: string; deployment: string };
let other: { teamId: string };
let teamId: string;

// ---- payloads -------------------------------------------------------------------------------
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "__proto__", "constructor", "prototype", "__proto__.polluted", "constructor.prototype.polluted", "0", "-1", "1e309", "NaN",
    "2147483648", "9007199254740993", "../../etc/passwd", "\u0000", "\ud800", "'; DROP TABLE \"Template\"; --", "{{ params.x }}", "(a+)+b", "=cmd|' /C calc'!A0",
    "x".repeat(5000)),
);
const scalar = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt().map(String));
const protoKeyed = fc.constantFrom("__proto__", "constructor", "prototype").map((k) => JSON.parse(`{"${k}": {"polluted": "yes"}}`) as Record<string, unknown>);
const anything = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
  { weight: 1, arbitrary: protoKeyed },
);
/** An id: mostly real ones of this team, the other team and garbage. */
const anId = () => fc.oneof(fc.constantFrom(...Object.values(ids), other.teamId, teamId), hostileString, anything);
/** An object with the entry's own field names, each a random value (the shape a crafted request has). */
const shaped = (keys: string[], field: (key: string) => fc.Arbitrary<unknown> = () => anything) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: [] }) },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.tuple(fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: [] }), protoKeyed).map(([a, b]) => ({ ...b, ...a })) },
  );
const templateBody = () =>
  shaped(["name", "description", "labels", "visibility", "spec", "parameters", "bindings", "message", "baseVersion"], (k) =>
    k === "spec"
      ? fc.oneof(anything, fc.constant(defaultAppSpec("fz")), fc.tuple(protoKeyed, fc.constant(defaultAppSpec("fz"))).map(([p, s]) => ({ ...s, podExtra: p })))
      : k === "bindings"
        ? fc.array(shaped(["path", "parameter", "mode", "raw"], (f) => (f === "path" ? fc.oneof(hostileString, fc.constantFrom("containers.0.image", "__proto__.toString", "constructor.prototype.x")) : anything)), { maxLength: 3 })
        : k === "parameters"
          ? fc.array(shaped(["name", "type", "pattern", "default", "min", "max", "options", "lockedByAdmin", "required"]), { maxLength: 3 })
          : k === "baseVersion"
            ? fc.oneof(fc.integer({ min: -2, max: 5 }), anything)
            : anything,
  );

// ---- entry points ---------------------------------------------------------------------------
type Entry = { name: string; payload: () => fc.Arbitrary<unknown>; call: (ctx: Ctx, p: unknown) => Promise<unknown> };
/** Parse with the action's schema first, as runAction does: a schema failure is a validation error. */
function via<S extends z.ZodType>(schema: S, fn: (ctx: Ctx, data: z.output<S>) => Promise<unknown>) {
  return async (ctx: Ctx, p: unknown) => {
    const parsed = schema.safeParse(p);
    if (!parsed.success) return "validation";
    return fn(ctx, parsed.data);
  };
}
const obj = (p: unknown) => (p && typeof p === "object" ? (p as Record<string, unknown>) : {});
/** A route's query string from a random payload (what `new URL(request.url).searchParams` gives). */
function searchParams(p: unknown): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(obj(p))) out.append(k, text(v));
  return out;
}
/** Any value as the text a query string or form field would carry. */
function text(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "[unprintable]";
  }
}
async function drain(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  for (let n = 0; n < 1000; n++) if ((await reader.read()).done) return;
}

const entries = (): Entry[] => [
  // clusters
  { name: "registerCluster", payload: () => shaped(["name", "description", "profile"]), call: via(registerClusterSchema, registerCluster) },
  { name: "setCredential", payload: () => shaped(["clusterId", "kubeconfig", "context", "namespace"], (k) => (k === "clusterId" ? anId() : anything)), call: via(setCredentialSchema, setCredential) },
  { name: "testMyCredential", payload: () => anId(), call: via(idSchema, (ctx, d) => testMyCredential(ctx, d.id)) },
  { name: "removeCredential", payload: () => anId(), call: via(idSchema, (ctx, d) => removeCredential(ctx, d.id)) },
  { name: "removeCluster", payload: () => anId(), call: via(idSchema, (ctx, d) => removeCluster(ctx, d.id)) },
  // team
  { name: "createInvitation", payload: () => shaped(["email", "role"]), call: via(inviteSchema, (ctx, d) => createInvitation(ctx, d as { email: string; role: "member" })) },
  { name: "revokeInvitation", payload: () => anId(), call: via(idSchema, (ctx, d) => revokeInvitation(ctx, d.id)) },
  { name: "changeMemberRole", payload: () => shaped(["membershipId", "role"], (k) => (k === "membershipId" ? anId() : anything)), call: via(roleChangeSchema, (ctx, d) => changeMemberRole(ctx, d.membershipId, d.role)) },
  { name: "removeMember", payload: () => anId(), call: via(idSchema, (ctx, d) => removeMember(ctx, d.id)) },
  // templates (the wizard posts plain objects: the data layer is the validation)
  { name: "createTemplate", payload: templateBody, call: (ctx, p) => (obj(p) === p ? createTemplate(ctx, p as CreateTemplateInput) : Promise.resolve("validation")) },
  { name: "saveTemplateVersion", payload: () => fc.tuple(anId(), templateBody()), call: async (ctx, p) => {
    const [id, body] = p as [unknown, unknown];
    return typeof id === "string" && obj(body) === body ? saveTemplateVersion(ctx, id, body as SaveVersionInput) : "validation";
  } },
  { name: "importTemplate", payload: () => shaped(["text", "name", "visibility"], (k) => (k === "text" ? fc.oneof(hostileString, fc.constantFrom("kind: BerthTemplate\nspec:\n  __proto__:\n    x: 1\n", "a: &a [*a]\n", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: fz\n  constructor: 1\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n")) : anything)),
    call: async (ctx, p) => (typeof obj(p).text === "string" ? importTemplate(ctx, { text: obj(p).text as string, name: typeof obj(p).name === "string" ? (obj(p).name as string) : undefined }) : "validation") },
  { name: "restoreTemplateVersion", payload: () => shaped(["templateId", "version", "baseVersion"], (k) => (k === "templateId" ? anId() : fc.oneof(fc.integer({ min: -1, max: 4 }), anything))),
    call: async (ctx, p) => (typeof obj(p).templateId === "string" ? restoreTemplateVersion(ctx, obj(p).templateId as string, { version: Number(text(obj(p).version)), baseVersion: Number(text(obj(p).baseVersion)) }) : "validation") },
  { name: "duplicateTemplate", payload: () => anId(), call: async (ctx, p) => (typeof p === "string" ? duplicateTemplate(ctx, p) : "validation") },
  { name: "setTemplateArchived", payload: () => fc.tuple(anId(), fc.boolean()), call: async (ctx, p) => {
    const [id, archived] = p as [unknown, boolean];
    return typeof id === "string" ? setTemplateArchived(ctx, id, archived) : "validation";
  } },
  { name: "setTemplateVisibility", payload: () => fc.tuple(anId(), fc.constantFrom("private", "team")), call: async (ctx, p) => {
    const [id, v] = p as [unknown, "private" | "team"];
    return typeof id === "string" ? setTemplateVisibility(ctx, id, v) : "validation";
  } },
  // deployments
  { name: "planDeployment", payload: () => shaped(["templateId", "version", "values", "clusterIds", "namespace", "createNamespace", "force", "recreate"], (k) => (k === "templateId" ? anId() : k === "clusterIds" ? fc.array(anId(), { maxLength: 3 }) : anything)), call: via(deployInputSchema, planDeployment) },
  { name: "deployTemplate", payload: () => shaped(["templateId", "version", "values", "clusterIds", "namespace"], (k) => (k === "templateId" ? anId() : k === "clusterIds" ? fc.array(anId(), { maxLength: 3 }) : anything)), call: via(deployInputSchema, (ctx, d) => deployTemplate(ctx, d)) },
  { name: "planRedeploy", payload: () => anId(), call: via(idSchema, (ctx, d) => planRedeploy(ctx, d.id)) },
  { name: "redeploy", payload: () => shaped(["deploymentId", "reason", "force", "recreate"], (k) => (k === "deploymentId" ? anId() : anything)), call: via(redeployInputSchema, (ctx, d) => redeploy(ctx, d)) },
  { name: "undeploy", payload: () => shaped(["deploymentId", "reason"], (k) => (k === "deploymentId" ? anId() : anything)), call: via(undeployInputSchema, undeploy) },
  // applications (the app page's actions: the app key plus one field)
  ...(() => {
    const appKey = () => shaped(["clusterId", "namespace", "appName", "replicas", "pod", "claim", "confirmation"], (k) => (k === "clusterId" ? anId() : k === "namespace" || k === "appName" ? fc.oneof(fc.constantFrom("fz", "default", "__proto__"), hostileString) : anything));
    return [
      { name: "syncApplication", payload: appKey, call: via(appKeySchema, (ctx, k) => syncApplication(ctx, k)) },
      { name: "scaleApplication", payload: appKey, call: via(appKeySchema.extend({ replicas: zod.coerce.number().int().min(0).max(1000) }), (ctx, d) => scaleApplication(ctx, d, d.replicas)) },
      { name: "restartApplication", payload: appKey, call: via(appKeySchema, restartApplication) },
      { name: "deleteAppPod", payload: appKey, call: via(appKeySchema.extend({ pod: appKeySchema.shape.appName }), (ctx, d) => deleteAppPod(ctx, d, d.pod)) },
      { name: "deleteLeftoverClaim", payload: appKey, call: via(appKeySchema.extend({ claim: appKeySchema.shape.appName, confirmation: zod.string().max(253) }), (ctx, d) => deleteLeftoverClaim(ctx, d, d.claim, d.confirmation)) },
      { name: "GET /api/applications/…/logs", payload: () => fc.tuple(appKey(), shaped(["pod", "container", "tail", "previous", "follow"])), call: async (ctx: Ctx, p: unknown) => {
        const [k, q] = p as [unknown, unknown];
        const key = appKeySchema.safeParse(k);
        const query = logQuerySchema.safeParse(Object.fromEntries(searchParams(q)));
        if (!key.success || !query.success) return "validation";
        await drain(await streamAppLog(ctx, key.data, query.data, AbortSignal.timeout(5000)));
      } },
      { name: "applications page", payload: () => shaped(["q", "cluster", "namespace", "template", "health", "sync", "after"], () => fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }))),
        call: async (ctx: Ctx, p: unknown) => listApplications(ctx, parseAppFilter(obj(p) as Record<string, string | string[] | undefined>)) },
    ] satisfies Entry[];
  })(),
  // route handlers (their own parsing, then the data layer)
  { name: "GET /templates/[id]/export", payload: () => fc.tuple(anId(), shaped(["version", "format", "p.x", "p.__proto__", "p.constructor", "p.imageTag"])), call: async (ctx, p) => {
    const [id, query] = p as [unknown, unknown];
    const sp = searchParams(query);
    const version = sp.get("version") ? Number(sp.get("version")) : undefined;
    const values: Record<string, string> = {};
    for (const [k, v] of sp) if (k.startsWith("p.")) Object.defineProperty(values, k.slice(2), { value: v, enumerable: true, writable: true, configurable: true });
    return sp.get("format") === "template" ? exportTemplateFile(ctx, text(id), version) : exportRenderedYaml(ctx, text(id), version, values);
  } },
  { name: "GET /audit/export", payload: () => shaped(["actor", "action", "targetType", "target", "cluster", "namespace", "result", "from", "to", "format", "__proto__"]), call: async (ctx, p) => {
    const sp = searchParams(p);
    const { filter, errors } = parseReviewFilter(sp);
    if (Object.keys(errors).length) return "validation";
    return drain(await openAuditExport(ctx, filter, sp.get("format") === "json" ? "json" : "csv", 50));
  } },
  { name: "GET /api/deployments/[id]/rollout", payload: () => anId(), call: async (ctx, p) => deploymentRollout(ctx, text(p)) },
  // pages with user filters
  { name: "templates page", payload: () => shaped(["q", "owner", "visibility", "archived", "page"], () => fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }))), call: async (ctx, p) => {
    // What app/(console)/templates/page.tsx does with its searchParams (string or string[] each).
    const query = obj(p) as Record<string, string | string[] | undefined>;
    const filters = { q: query.q ?? "", owner: query.owner === "me" ? ("me" as const) : ("all" as const), visibility: query.visibility === "private" || query.visibility === "team" ? query.visibility : ("all" as const), archived: query.archived === "1" };
    return listTemplates(ctx, { ...(filters as { q: string; owner: "me" | "all"; visibility: "private" | "team" | "all"; archived: boolean }), page: Number(query.page) || 1 });
  } },
  { name: "listDeployments", payload: () => shaped(["clusterId", "namespace", "app", "templateId", "status", "actorId", "page"]), call: via(historyFilterSchema, listDeployments) },
];

// ---- invariants -----------------------------------------------------------------------------
/** Rows nobody in this test may change, and the rows only owners/admins may change. */
async function protectedRows(who: Who) {
  const [otherTeam, privateTpl, memberships, invitations, clusters, all] = await Promise.all([
    db().team.findUnique({ where: { id: other.teamId }, include: { templates: { include: { versions: true } }, clusters: true, memberships: true, invitations: true } }),
    db().template.findUnique({ where: { id: ids.privateTemplate }, include: { versions: true } }),
    db().membership.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db().invitation.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db().cluster.findMany({ where: { teamId, id: { in: [ids.cluster] } } }),
    who === "viewer"
      ? Promise.all([db().template.findMany({ where: { teamId } }), db().templateVersion.count(), db().cluster.findMany({ where: { teamId } }), db().clusterCredential.findMany({ where: { cluster: { teamId } } }), db().deployment.findMany({ where: { teamId } })])
      : null,
  ]);
  return JSON.stringify({ otherTeam, privateTpl, memberships, invitations, clusters, all });
}

function prototypeFingerprint(): string {
  return Reflect.ownKeys(Object.prototype).map((k) => `${String(k)}:${String(Object.getOwnPropertyDescriptor(Object.prototype, k)?.value)}`).join("|");
}

beforeAll(async () => {
  const t = await newTeam("fuzz");
  teamId = t.teamId;
  const member = await addMember(teamId, "member");
  const viewer = await addMember(teamId, "viewer");
  ctxs = { member: member.ctx, viewer: viewer.ctx };
  const o = await newTeam("fuzz-other");
  other = { teamId: o.teamId };
  const app = (visibility: "team" | "private") => ({ name: `fz-${visibility}`, visibility, spec: defaultAppSpec("fz") as unknown as Record<string, unknown>, parameters: [], bindings: [] });
  const teamTemplate = (await createTemplate(t.ctx, app("team"))).id;
  const privateTemplate = (await createTemplate(t.ctx, app("private"))).id;
  const otherTemplate = (await createTemplate(o.ctx, app("team"))).id;
  const cluster = await registerCluster(t.ctx, { name: "fz-cluster", description: "", profile: "generic" });
  const otherCluster = await registerCluster(o.ctx, { name: "fz-other", description: "", profile: "generic" });
  const invitation = (await createInvitation(t.ctx, { email: "fz-invitee@it.test", role: "member" })).id;
  const membership = (await db().membership.findFirstOrThrow({ where: { teamId, userId: viewer.user.id } })).id;
  const deployment = (await db().deployment.findFirst({ where: { teamId } }))?.id ?? "no-deployment";
  ids = { teamTemplate, privateTemplate, otherTemplate, cluster, otherCluster, membership, invitation, deployment };
}, 120_000);

describe("fuzzing every entry point that takes user input", () => {
  it.each(["member", "viewer"] as const)("as a %s: only results and AppErrors, no forbidden row changes, no pollution", async (who) => {
    const before = await protectedRows(who);
    const proto = prototypeFingerprint();
    const unexpected: string[] = [];
    const list = entries();
    // Spread the runs over the entry points: RUNS per entry point across the two roles.
    const runsPerRole = Math.ceil(RUNS / 2);
    // Entry points run side by side (each its own sequence of runs), as concurrent requests would.
    await Promise.all(
      list.map((entry, i) =>
        fc
          .assert(
            fc.asyncProperty(entry.payload(), async (payload) => {
              try {
                await entry.call(ctxs[who], payload);
              } catch (e) {
                if (!(e instanceof AppError)) {
                  unexpected.push(`${entry.name}: ${e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e)} <- ${fc.stringify(payload).slice(0, 300)}`);
                  return false;
                }
              }
              return prototypeFingerprint() === proto && ({} as Record<string, unknown>).polluted === undefined;
            }),
            { numRuns: runsPerRole, seed: SEED + i, endOnFailure: true },
          )
          .catch((e: Error) => {
            if (!unexpected.some((u) => u.startsWith(`${entry.name}:`))) unexpected.push(`${entry.name}: ${e.message.split("\n").slice(0, 3).join(" ")}`);
          }),
      ),
    );
    expect(unexpected).toEqual([]);
    expect(await protectedRows(who)).toBe(before);
    expect(prototypeFingerprint()).toBe(proto);
  }, Math.max(120_000, RUNS * 500)); // a long run by hand gets the time it needs
});
