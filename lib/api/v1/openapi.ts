import { z } from "zod";
import { OPERATIONS, PATH_PARAMS, type Operation } from "./routes";
import { problem } from "./schemas";

// The OpenAPI 3.1 document of /api/v1, generated from the route table and the same zod schemas
// the handlers validate with (z.toJSONSchema, JSON Schema 2020-12 = OpenAPI 3.1's dialect).
// Request shapes are the schemas' input side (defaults optional); responses their output side,
// open to new fields (additionalProperties is not closed: clients should ignore what they do not know).
type Json = Record<string, unknown>;

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const COMMON_PROBLEMS: Record<string, string> = {
  "400": "Invalid input (`errors` names each field).",
  "401": "No token, an unknown, expired or revoked token, or its user left the team.",
  "403": "The token's role (or its user's current role) does not allow this.",
  "404": "Not found, or not visible to the token's user.",
  "429": "Rate limited (see Retry-After).",
};

export function openApiDocument(opts: { serverUrl?: string; version?: string } = {}): Json {
  const components: Record<string, unknown> = {};
  const convert = (schema: z.ZodType, io: "input" | "output"): Json => {
    const out = z.toJSONSchema(schema, {
      io,
      target: "draft-2020-12",
      unrepresentable: "any",
      override: ({ jsonSchema }) => {
        if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    }) as Json;
    const { $defs, $schema: _dialect, ...rest } = out;
    for (const [id, def] of Object.entries(($defs as Json | undefined) ?? {})) components[id] = relink(def);
    return relink(rest) as Json;
  };
  convert(problem, "output");

  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const item = (paths[op.path] ??= {});
    item[op.method] = operation(op, convert);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Berth API",
      version: opts.version ?? "1",
      description:
        "Automation for Berth: templates, clusters, deployments and the audit trail, acting as the API token's user with the token's role cap. " +
        "Authenticate with `Authorization: Bearer berth_…` (tokens are created on the account page). Errors are RFC 9457 problem details.",
    },
    servers: [{ url: `${opts.serverUrl ?? ""}/api/v1` }],
    security: [{ bearer: [] }],
    tags: ["Account", "Templates", "Clusters", "Deployments", "Audit", "Meta"].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token: `berth_` followed by 43 characters." } },
    },
  };
}

function operation(op: Operation, convert: (schema: z.ZodType, io: "input" | "output") => Json): Json {
  const parameters: Json[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g) ?? []) {
    const key = name.slice(1, -1);
    parameters.push({ name: key, in: "path", required: true, description: PATH_PARAMS[key] ?? key, schema: { type: "string", minLength: 1, maxLength: 200 } });
  }
  if (op.query) {
    const schema = convert(op.query, "input");
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      const { description, ...rest } = prop;
      parameters.push({ name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  if (op.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retries with the same key and body return the first response (header Idempotency-Replayed: true) instead of deploying again; another body with the same key is refused (422). Kept 24 h per token.",
      schema: { type: "string", minLength: 1, maxLength: 200, pattern: "^[\\x21-\\x7e]+$" },
    });
  }
  const responses: Json = {};
  if ("schema" in op.response) {
    responses[String(op.response.status)] = { description: "Success", content: { "application/json": { schema: convert(op.response.schema, "output") } } };
  } else {
    responses[String(op.response.status)] = { description: "A file", content: Object.fromEntries(op.response.file.map((t) => [t, {}])) };
  }
  if (!op.public) {
    for (const [status, description] of Object.entries(COMMON_PROBLEMS)) responses[status] = { description, content: { "application/problem+json": { schema: PROBLEM_REF } } };
  }
  if (op.idempotent) {
    responses["409"] = { description: "A request with this Idempotency-Key is still running, or a conflicting deploy.", content: { "application/problem+json": { schema: PROBLEM_REF } } };
    responses["422"] = { description: "The Idempotency-Key was used for a different request.", content: { "application/problem+json": { schema: PROBLEM_REF } } };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: requestBody(convert(op.body, "input")) } : {}),
    responses,
  };
}

/** A body whose fields all have defaults may be left out (an empty POST). */
function requestBody(schema: Json): Json {
  const required = ((schema.required as string[] | undefined) ?? []).length > 0;
  return { required, content: { "application/json": { schema } } };
}

/** `#/$defs/X` (what z.toJSONSchema writes) → `#/components/schemas/X`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : relink(v);
    return out;
  }
  return value;
}
