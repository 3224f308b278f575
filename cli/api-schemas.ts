import { z } from "zod";

// What the CLI reads from /api/v1 (docs: /api/v1/openapi.json), checked before use: a server is
// untrusted input too. Only the fields the CLI prints or follows; unknown fields are ignored, so a
// newer server still works.
const str = z.string().max(100_000);
const id = z.string().min(1).max(200);
const time = z.string().max(64);
const count = z.number().int().min(0).max(1_000_000_000);

export const ProblemSchema = z.object({
  code: str.optional(),
  title: str.optional(),
  detail: str.optional(),
  status: z.number().optional(),
  errors: z.record(z.string().max(1000), z.array(str).max(100)).optional(),
  requestId: str.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const MeSchema = z.object({
  user: z.object({ id, email: str, name: str.nullish() }),
  team: z.object({ id, name: str }),
  role: str,
  token: z.object({ id, name: str, role: str, expiresAt: time.nullish() }),
});

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item).max(1000), nextCursor: z.string().max(2000).nullish() });

export const TemplateSummarySchema = z.object({
  id, name: str, description: str.nullish(), visibility: str.nullish(), archived: z.boolean().nullish(),
  latestVersion: count, updatedAt: time.nullish(), labels: z.array(str).max(100).nullish(),
});
export const TemplatePageSchema = page(TemplateSummarySchema);

export const RenderSchema = z.object({ template: z.object({ id, name: str }), version: count, appName: str, manifest: str.max(64 * 1024 * 1024) });

export const ClusterPlanSchema = z.object({
  clusterId: id, clusterName: str, ok: z.boolean(), error: str.nullish(),
  blockers: z.array(str).max(1000).default([]), denials: z.array(str).max(1000).default([]),
  fieldErrors: z.record(z.string().max(1000), z.array(str).max(100)).nullish(),
  objects: z.array(z.object({
    kind: str, name: str, action: str, errors: z.array(str).max(100).default([]), denied: z.array(str).max(100).default([]),
    warnings: z.array(str).max(100).default([]), conflict: z.boolean().nullish(),
  })).max(1000).default([]),
});
export const PlanSchema = z.object({ appName: str, template: z.object({ id, name: str }), version: count, clusters: z.array(ClusterPlanSchema).max(100) });
export type ClusterPlan = z.infer<typeof ClusterPlanSchema>;

export const ClusterResultSchema = z.object({
  clusterId: id.nullish(), clusterName: str, status: str, deploymentId: id.nullish(), message: str.nullish(), approvalRequestId: id.nullish(),
});
export const DeployResultSchema = z.object({
  appName: str.nullish(), template: z.object({ id, name: str }).nullish(), version: count.nullish(),
  status: str, results: z.array(ClusterResultSchema).max(100), keptClaims: z.array(str).max(10_000).nullish(),
});
export type DeployResult = z.infer<typeof DeployResultSchema>;
export type ClusterResult = z.infer<typeof ClusterResultSchema>;

export const DeploymentSummarySchema = z.object({
  id, number: count, kind: str, status: str, appName: str, namespace: str,
  cluster: z.object({ id: id.nullish(), name: str }), actor: z.object({ name: str.nullish(), email: str.nullish() }).nullish(),
  template: z.object({ id: id.nullish(), name: str, version: count.nullish() }).nullish(),
  startedAt: time, finishedAt: time.nullish(), live: z.boolean().nullish(), message: str.nullish(), reason: str.nullish(),
});
export const DeploymentPageSchema = page(DeploymentSummarySchema);
export type DeploymentSummary = z.infer<typeof DeploymentSummarySchema>;

export const RolloutSchema = z.object({
  state: str, reason: str.nullish(),
  replicas: count.nullish(), readyReplicas: count.nullish(), updatedReplicas: count.nullish(),
  pods: z.array(z.object({
    ordinal: count, name: str, exists: z.boolean().nullish(), phase: str.nullish(), ready: z.boolean().nullish(),
    updated: z.boolean().nullish(), restarts: count.nullish(), reason: str.nullish(),
  })).max(1000).default([]),
  tooManyToList: z.boolean().nullish(),
});
export type Rollout = z.infer<typeof RolloutSchema>;

export const DeployRequestSchema = z.object({
  id, status: str, appName: str.nullish(), namespace: str.nullish(), approvals: count.default(0), required: count.default(0),
  message: str.nullish(), deploymentId: id.nullish(),
  decisions: z.array(z.object({ approver: str, decision: str, comment: str.nullish() })).max(1000).default([]),
});
