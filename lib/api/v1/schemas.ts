import { z } from "zod";

// The REST API's request and response shapes (/api/v1). Pure: the route handlers validate every
// request with these, the OpenAPI document (openapi.ts) is generated from them, the integration
// tests parse every response with them, and the `berth` CLI may import the types.
// Requests are strict objects: an unknown field (a typo in a CI script) is an error, not ignored.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const time = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time");
const nameOrId = (what: string) => z.string().trim().min(1, `Name the ${what}.`).max(200, `A ${what} name or id is at most 200 characters.`);

// ── requests ────────────────────────────────────────────────────────────────────────────────
export const MAX_VALUES = 200;
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export const parameterValues = z
  .record(
    z.string().min(1).max(100, "A parameter name is at most 100 characters.").refine((k) => !PROTOTYPE_KEYS.has(k), "That is not a parameter name."),
    z.string().max(1024, "A value is at most 1024 characters."),
  )
  .refine((v) => Object.keys(v).length <= MAX_VALUES, `At most ${MAX_VALUES} parameter values.`)
  .describe("Parameter values by name, as strings; the template's parameter definitions type them (\"3\" for an integer).");

export const versionRef = z
  .union([z.int().min(1, "Versions start at 1."), z.literal("latest")])
  .default("latest")
  .describe("A version number, or \"latest\".");

export const namespaceField = z.string().trim().regex(DNS_LABEL, "Use lower-case letters, digits and '-' (a valid namespace name, ≤ 63).");

const flag = (what: string) => z.boolean().default(false).describe(what);

export const renderRequest = z.strictObject({ version: versionRef, values: parameterValues.default({}) });

export const deployRequest = z.strictObject({
  template: nameOrId("template").describe("The template's id or its exact name."),
  version: versionRef,
  values: parameterValues.default({}),
  clusters: z.array(nameOrId("cluster")).min(1, "Name at least one cluster.").max(20, "At most 20 clusters at once.").describe("Cluster ids or exact names."),
  namespace: namespaceField,
  createNamespace: flag("Create the namespace when it does not exist."),
  force: flag("Take over fields another field manager owns (server-side apply force)."),
  recreate: flag("Delete and recreate a StatefulSet whose immutable fields changed (volumes are kept)."),
  takeOver: flag("Replace objects another template deployed under this app name (audited)."),
});

const reason = z.string().trim().max(500, "Keep the reason under 500 characters.").default("");
export const redeployRequest = z.strictObject({
  reason,
  force: flag("As for a deploy."),
  recreate: flag("As for a deploy."),
  takeOver: flag("As for a deploy."),
});
export const undeployRequest = z.strictObject({ reason });

export const limitQuery = (max: number, fallback: number) => z.coerce.number().int("Use a whole number.").min(1, "At least 1.").max(max, `At most ${max}.`).default(fallback);
export const cursorQuery = z.string().max(500, "That cursor is not one of ours.").optional().describe("The nextCursor of the previous page.");

export const templateListQuery = z.strictObject({ q: z.string().max(100).optional().describe("Part of a name, or a label."), limit: limitQuery(100, 20), cursor: cursorQuery });
export const pageQuery = z.strictObject({ limit: limitQuery(100, 20), cursor: cursorQuery });

export const DEPLOYMENT_STATUSES = ["pending", "applying", "applied", "failed"] as const;
export const deploymentListQuery = z.strictObject({
  cluster: z.string().max(200).optional().describe("Cluster id or exact name."),
  namespace: z.string().max(63).optional(),
  app: z.string().max(63).optional(),
  template: z.string().max(200).optional().describe("Template id or exact name."),
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  limit: limitQuery(100, 20),
  cursor: cursorQuery,
});

export const auditListQuery = z.strictObject({
  actor: z.string().max(254).optional().describe("The actor's email address."),
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  target: z.string().max(200).optional().describe("A target id (exact) or part of its name."),
  cluster: z.string().max(200).optional(),
  namespace: z.string().max(253).optional(),
  result: z.enum(["success", "failure"]).optional(),
  from: z.string().max(40).optional().describe("Inclusive, ISO 8601 (UTC when no offset)."),
  to: z.string().max(40).optional().describe("Exclusive, ISO 8601."),
  limit: limitQuery(200, 50),
  cursor: cursorQuery,
});
export const auditExportQuery = auditListQuery.omit({ limit: true, cursor: true }).extend({ format: z.enum(["json", "csv"]).default("json") });

// ── responses ───────────────────────────────────────────────────────────────────────────────
export const PROBLEM_CODES = [
  "invalid", "unauthenticated", "token_expired", "token_revoked", "forbidden", "not_found", "conflict", "idempotency_in_progress",
  "payload_too_large", "unsupported_media_type", "method_not_allowed", "idempotency_mismatch", "rate_limited", "unavailable", "internal",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const problem = z
  .object({
    type: z.string().describe("urn:berth:problem:<code>"),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    errors: z.record(z.string(), z.array(z.string())).describe("Messages by dotted path into the body or query (empty when none)."),
    requestId: z.string(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });

const ref = z.object({ id: z.string(), name: z.string() });
const role = z.enum(["owner", "admin", "member", "viewer"]);

export const meResponse = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    team: ref,
    role: role.describe("What the token may do now: min(token role, the user's role in the team)."),
    token: z.object({ id: z.string(), name: z.string(), role, expiresAt: time }),
  })
  .meta({ id: "Me" });

export const templateSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    labels: z.array(z.string()),
    visibility: z.enum(["private", "team"]),
    archived: z.boolean(),
    owner: ref,
    latestVersion: z.int(),
    latestAuthor: z.string(),
    updatedAt: time,
    deployments: z.int(),
  })
  .meta({ id: "TemplateSummary" });

export const versionSummary = z.object({ version: z.int(), message: z.string(), author: z.string(), createdAt: time }).meta({ id: "VersionSummary" });

const page = <T extends z.ZodType, E extends z.ZodRawShape = {}>(item: T, id: string, extra?: E) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last."), ...(extra as E) }).meta({ id });

export const templateList = page(templateSummary, "TemplateList");
export const templateDetail = templateSummary.extend({ versions: z.array(versionSummary) }).meta({ id: "TemplateDetail" });
export const versionList = page(versionSummary, "VersionList");

export const parameterDefinition = z.looseObject({ name: z.string(), type: z.string() }).meta({ id: "ParameterDefinition" });
export const templateVersion = z
  .object({
    templateId: z.string(),
    version: z.int(),
    message: z.string(),
    author: z.string(),
    createdAt: time,
    spec: z.record(z.string(), z.unknown()).describe("The stored app spec; may hold parameter references."),
    parameters: z.array(parameterDefinition),
  })
  .meta({ id: "TemplateVersion" });

const objectRef = z.object({ apiVersion: z.string(), kind: z.string(), name: z.string() });
export const renderResponse = z
  .object({
    template: ref,
    version: z.int(),
    appName: z.string(),
    manifest: z.string().describe("Multi-document YAML, exactly what a deploy applies."),
    objects: z.array(objectRef),
  })
  .meta({ id: "Rendered" });

export const clusterItem = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    profile: z.string(),
    hasCredential: z.boolean().describe("Whether the token's user attached a kubeconfig for this cluster (deploys use it)."),
    credential: z
      .object({ server: z.string(), context: z.string(), namespace: z.string(), serverVersion: z.string().nullable(), lastCheckedAt: time.nullable() })
      .nullable(),
  })
  .meta({ id: "Cluster" });
export const clusterList = page(clusterItem, "ClusterList");

export const planObject = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  action: z.string().describe("create, update, unchanged, …"),
  changes: z.int().describe("How many fields change."),
  denied: z.array(z.string()).describe("\"you cannot create ingresses in namespace shop\""),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  immutable: z.array(z.string()).describe("StatefulSet fields that cannot change in place (needs recreate)."),
  conflict: z.boolean(),
});
export const clusterPlan = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    ok: z.boolean().describe("false: a deploy with these options would be refused (see blockers)."),
    error: z.string(),
    blockers: z.array(z.string()),
    denials: z.array(z.string()).describe("RBAC permissions the user's kubeconfig lacks, grouped by namespace and verb."),
    fieldErrors: z.record(z.string(), z.array(z.string())),
    namespaceExists: z.boolean().nullable().describe("null: the user may not read the namespace."),
    objects: z.array(planObject),
  })
  .meta({ id: "ClusterPlan" });
export const planResponse = z
  .object({ appName: z.string(), manifest: z.string(), template: ref, version: z.int(), clusters: z.array(clusterPlan) })
  .meta({ id: "Plan" });

export const CLUSTER_RESULT_STATUSES = ["applied", "failed", "refused", "waiting_for_approval"] as const;
export const clusterResult = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    status: z.enum(CLUSTER_RESULT_STATUSES).describe("waiting_for_approval: a protected target; nothing ran yet (see approvalRequestId)."),
    deploymentId: z.string().nullable().describe("The record to read and poll (null when refused or waiting)."),
    message: z.string(),
    approvalRequestId: z.string().optional().describe("The deploy request waiting for approvals: poll GET /requests/{id}."),
    breakGlass: z.boolean().optional().describe("Applied by an owner through a freeze or without approvals."),
  })
  .meta({ id: "ClusterResult" });
export const DEPLOY_STATUSES = [...CLUSTER_RESULT_STATUSES, "partial"] as const;
export const deployResponse = z
  .object({
    status: z.enum(DEPLOY_STATUSES).describe("Every cluster's status when they agree, otherwise partial."),
    appName: z.string(),
    template: ref.optional(),
    version: z.int().optional(),
    results: z.array(clusterResult),
    keptClaims: z.array(z.string()).optional().describe("Undeploy: PersistentVolumeClaims left in place."),
  })
  .meta({ id: "DeployResult" });

const recordRef = z.object({ id: z.string(), number: z.int(), kind: z.string(), startedAt: time });
export const deploymentSummary = z
  .object({
    id: z.string(),
    number: z.int(),
    kind: z.enum(["deploy", "redeploy", "undeploy"]),
    status: z.enum(DEPLOYMENT_STATUSES),
    appName: z.string(),
    namespace: z.string(),
    cluster: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }),
    actor: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    template: z.object({ id: z.string(), name: z.string(), version: z.int().nullable() }).nullable(),
    startedAt: time,
    finishedAt: time.nullable(),
    durationMs: z.int().nullable(),
    replayOf: z.object({ id: z.string(), number: z.int() }).nullable(),
    reason: z.string(),
    message: z.string(),
    stale: z.boolean(),
    detailsHidden: z.boolean(),
    canAct: z.boolean(),
    live: z.boolean().describe("Its objects are the ones running now."),
  })
  .meta({ id: "DeploymentSummary" });
export const deploymentList = page(deploymentSummary, "DeploymentList");
export const deploymentDetail = deploymentSummary
  .extend({
    parameters: z.record(z.string(), z.unknown()),
    manifest: z.string(),
    results: z.array(z.record(z.string(), z.unknown())).describe("Per object: kind, name, action, ok, message."),
    supersededBy: recordRef.nullable(),
    liveRecord: recordRef.nullable().describe("The applied record whose objects run there now."),
  })
  .meta({ id: "DeploymentDetail" });

export const ROLLOUT_STATES = ["progressing", "ready", "stalled", "missing", "unavailable"] as const;
export const rolloutResponse = z
  .object({
    state: z.enum(ROLLOUT_STATES),
    reason: z.string(),
    replicas: z.int(),
    readyReplicas: z.int(),
    updatedReplicas: z.int(),
    updateRevision: z.string(),
    tooManyToList: z.boolean().optional(),
    pods: z.array(
      z.object({ ordinal: z.int(), name: z.string(), exists: z.boolean(), phase: z.string(), ready: z.boolean(), revision: z.string(), updated: z.boolean(), restarts: z.int(), reason: z.string() }),
    ),
    checkedAt: time,
    autoscaler: z.object({ name: z.string(), minReplicas: z.int(), maxReplicas: z.int(), desiredReplicas: z.int().nullable() }).optional(),
  })
  .meta({ id: "Rollout" });

export const REQUEST_STATUSES = ["pending", "applying", "applied", "failed", "rejected", "withdrawn", "expired"] as const;
export const deployRequestView = z
  .object({
    id: z.string(),
    kind: z.enum(["deploy", "redeploy", "undeploy"]),
    status: z.enum(REQUEST_STATUSES).describe("pending: waiting for approvals; applied/failed: it ran (see deploymentId); rejected/withdrawn/expired: it never will."),
    appName: z.string(),
    namespace: z.string(),
    cluster: ref,
    requester: z.string(),
    reason: z.string(),
    approvals: z.int(),
    required: z.int(),
    createdAt: time,
    expiresAt: time,
    message: z.string(),
    deploymentId: z.string().nullable().describe("The record the approved request wrote; poll its rollout."),
    decisions: z.array(z.object({ approver: z.string(), decision: z.string(), comment: z.string(), stale: z.boolean(), createdAt: time })),
  })
  .meta({ id: "DeployRequest" });

export const auditEvent = z
  .object({
    id: z.string(),
    createdAt: time,
    action: z.string(),
    result: z.enum(["success", "failure"]),
    actorId: z.string().nullable(),
    actorEmail: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    clusterId: z.string().nullable(),
    clusterName: z.string(),
    namespace: z.string(),
    reason: z.string(),
    summary: z.unknown().optional().describe("Events done through an API token carry summary.via = { type: \"api_token\", id, name }."),
  })
  .meta({ id: "AuditEvent" });
export const auditList = page(auditEvent, "AuditList", { scope: z.enum(["team", "own"]).describe("team: the whole team's trail (owners/admins); own: your events and the team's deploys.") });

export type DeployRequest = z.infer<typeof deployRequest>;
export type ClusterResult = z.infer<typeof clusterResult>;
export type DeployResponse = z.infer<typeof deployResponse>;
export type Problem = z.infer<typeof problem>;
export type Rollout = z.infer<typeof rolloutResponse>;
