import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as auditList } from "@/app/api/v1/audit/route";
import { POST as redeploy } from "@/app/api/v1/deployments/[id]/redeploy/route";
import { GET as deploymentGet } from "@/app/api/v1/deployments/[id]/route";
import { POST as undeploy } from "@/app/api/v1/deployments/[id]/undeploy/route";
import { POST as plan } from "@/app/api/v1/deployments/plan/route";
import { GET as history, POST as deploy } from "@/app/api/v1/deployments/route";
import { GET as requestGet } from "@/app/api/v1/requests/[id]/route";
import { POST as render } from "@/app/api/v1/templates/[template]/render/route";
import { GET as versionGet } from "@/app/api/v1/templates/[template]/versions/[version]/route";
import { GET as templates } from "@/app/api/v1/templates/route";
import { problem } from "@/lib/api/v1/schemas";
import { callApi, newToken } from "@/scripts/test-support/api-client";
import { addMember, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import { registerCluster } from "../clusters";
import { db } from "../db";

// Random and hostile input into every /api/v1 route with a body, query or path parameter, through
// the real route handlers on real Postgres, with a deploy token: the answer is always a success or
// a problem+json 4xx — never a 500 — no prototype is polluted, and no deployment record appears
// (the one cluster has no credential, so nothing may reach a cluster either).
const RUNS = Number(process.env.BERTH_FUZZ_RUNS ?? 80);
const SEED = 20261205;

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("", "__proto__", "constructor", "prototype", "latest", "0", "-1", "1e309", "NaN", "\u0000", "\ud800", "../../x", "web", "prod", "x".repeat(3000)),
);
const value = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.anything({ maxDepth: 2, maxKeys: 4 }));
const protoKeyed = fc.constantFrom("__proto__", "constructor", "prototype").map((k) => JSON.parse(`{"${k}": {"polluted": "yes"}}`) as Record<string, unknown>);
const bodyOf = (keys: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }), protoKeyed).map(([a, b]) => ({ ...b, ...a })) },
    { weight: 1, arbitrary: value },
  );
const queryOf = (keys: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), hostile), fc.oneof(hostile, fc.integer().map(String)), { maxKeys: 5 });

const DEPLOY_KEYS = ["template", "version", "values", "clusters", "namespace", "createNamespace", "force", "recreate", "takeOver"];

let teamId = "";
let member: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  const t = await newTeam("api-fuzz");
  teamId = t.teamId;
  member = await addMember(t.teamId, "member", "fuzzer");
  await createNginxTemplate(t.ctx, "web", { app: "web" });
  await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
});

type Case = { name: string; input: fc.Arbitrary<{ body?: unknown; query?: Record<string, string>; params?: Record<string, string> }>; call: Parameters<typeof callApi>[0]; method?: string };
const param = (name: string) => fc.oneof(hostile.filter((s) => s.length > 0), fc.constantFrom("web", "latest", "1")).map((v) => ({ [name]: v }));

const CASES: Case[] = [
  { name: "POST /deployments", call: deploy, input: bodyOf(DEPLOY_KEYS).map((body) => ({ body })) },
  { name: "POST /deployments/plan", call: plan, input: bodyOf(DEPLOY_KEYS).map((body) => ({ body })) },
  { name: "POST /templates/{t}/render", call: render, input: fc.tuple(param("template"), bodyOf(["version", "values"])).map(([params, body]) => ({ params, body })) },
  { name: "POST /deployments/{id}/redeploy", call: redeploy, input: fc.tuple(param("id"), bodyOf(["reason", "force", "recreate", "takeOver"])).map(([params, body]) => ({ params, body })) },
  { name: "POST /deployments/{id}/undeploy", call: undeploy, input: fc.tuple(param("id"), bodyOf(["reason"])).map(([params, body]) => ({ params, body })) },
  { name: "GET /deployments", call: history, input: queryOf(["cluster", "namespace", "app", "template", "status", "limit", "cursor"]).map((query) => ({ query })) },
  { name: "GET /deployments/{id}", call: deploymentGet, input: param("id").map((params) => ({ params })) },
  { name: "GET /requests/{id}", call: requestGet, input: param("id").map((params) => ({ params })) },
  { name: "GET /templates", call: templates, input: queryOf(["q", "limit", "cursor"]).map((query) => ({ query })) },
  { name: "GET /templates/{t}/versions/{v}", call: versionGet, input: fc.tuple(param("template"), param("version")).map(([a, b]) => ({ params: { ...a, ...b } })) },
  { name: "GET /audit", call: auditList, input: queryOf(["actor", "action", "targetType", "target", "cluster", "namespace", "result", "from", "to", "limit", "cursor"]).map((query) => ({ query })) },
];

describe("the REST API under random input", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s: a success or a 4xx problem, never a 500", async (_name, c) => {
    // a token per route: the per-token rate limit (300 a minute) would otherwise answer most runs
    const { secret } = await newToken(member.ctx, "member", `fuzz ${c.name}`);
    await fc.assert(
      fc.asyncProperty(c.input, async (input) => {
        const r = await callApi(c.call, { token: secret, ...input, body: input.body === undefined ? undefined : input.body });
        expect(r.status).not.toBe(429);
        if (r.status >= 400) {
          expect(r.status, r.text).toBeLessThan(500);
          expect(r.headers.get("content-type")).toBe("application/problem+json");
          problem.parse(r.json);
        } else {
          expect(r.headers.get("content-type")).toBe("application/json");
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(await db().deployment.count({ where: { teamId } })).toBe(0);
  });
});
