import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

// The generated document must be valid OpenAPI 3.1, and its paths must be exactly the route
// handlers under app/api/v1 (a path without a handler, or a handler the document forgets, fails).
const API_DIR = path.join(process.cwd(), "app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/deployments/[id]/rollout/route.ts → GET /deployments/{id}/rollout, per exported method. */
function handlers(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const route = "/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${route}`);
  });
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(doc as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("lists exactly the route handlers under app/api/v1", () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(handlers().sort());
  });

  it("documents the deploy body from the schema the server validates with", () => {
    const deploy = (doc.paths as any)["/deployments"].post;
    const body = deploy.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["template", "clusters", "namespace"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.clusters.maxItems).toBe(20);
    expect(deploy.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    expect(deploy.responses["201"].content["application/json"].schema.$ref).toBe("#/components/schemas/DeployResult");
  });

  it("resolves every $ref to a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    const components = Object.keys((doc.components as any).schemas);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(components).toContain(ref);
  });
});
