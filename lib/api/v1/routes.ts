import type { z } from "zod";
import * as s from "./schemas";

// Every operation of /api/v1, described once: the OpenAPI document is built from this table, and
// a test checks it against the route handlers under app/api/v1 (every path here exists as a
// route.ts exporting the method, and every route.ts is here).
export type Operation = {
  method: "get" | "post";
  /** OpenAPI form, below /api/v1: /deployments/{id}. Folder names under app/api/v1 use [id]. */
  path: string;
  operationId: string;
  tag: "Account" | "Templates" | "Clusters" | "Deployments" | "Audit" | "Meta";
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and shape; `file` for a download. */
  response: { status: number; schema: z.ZodType } | { status: number; file: string[] };
  idempotent?: boolean;
  /** No token needed (the document itself). */
  public?: boolean;
};

export const PATH_PARAMS: Record<string, string> = {
  template: "A template's id, or its exact name.",
  version: "A version number, or `latest`.",
  id: "A deployment record's id (a deploy request's id under /requests).",
};

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/me", operationId: "getMe", tag: "Account", summary: "Who the token acts as", description: "The token's user and team, and the role it has now: min(the token's role, the user's current role).", response: { status: 200, schema: s.meResponse } },
  { method: "get", path: "/templates", operationId: "listTemplates", tag: "Templates", summary: "List templates", description: "Templates the token's user may see (team-shared, or their own private ones), most recently updated first.", query: s.templateListQuery, response: { status: 200, schema: s.templateList } },
  { method: "get", path: "/templates/{template}", operationId: "getTemplate", tag: "Templates", summary: "A template and its versions", response: { status: 200, schema: s.templateDetail } },
  { method: "get", path: "/templates/{template}/versions", operationId: "listTemplateVersions", tag: "Templates", summary: "A template's versions, newest first", query: s.pageQuery, response: { status: 200, schema: s.versionList } },
  { method: "get", path: "/templates/{template}/versions/{version}", operationId: "getTemplateVersion", tag: "Templates", summary: "One version: its stored spec and parameter definitions", response: { status: 200, schema: s.templateVersion } },
  { method: "post", path: "/templates/{template}/render", operationId: "renderTemplate", tag: "Templates", summary: "Render a version with parameter values", description: "Returns the multi-document YAML a deploy would apply. Parameter errors come back as `errors[\"values.<name>\"]`.", body: s.renderRequest, response: { status: 200, schema: s.renderResponse } },
  { method: "get", path: "/clusters", operationId: "listClusters", tag: "Clusters", summary: "List the team's clusters", description: "With whether the token's user attached a kubeconfig (deploys use the user's own credential).", response: { status: 200, schema: s.clusterList } },
  { method: "post", path: "/deployments/plan", operationId: "planDeployment", tag: "Deployments", summary: "Plan a deployment", description: "RBAC preflight, server-side dry run and diff on each cluster with the user's own kubeconfig. Nothing is changed; the plan is audited. Needs a deploy token.", body: s.deployRequest, response: { status: 200, schema: s.planResponse } },
  { method: "post", path: "/deployments", operationId: "deploy", tag: "Deployments", summary: "Deploy a template version", description: "Deploys to one or more clusters. The plan is made again first; a blocked plan is refused for that cluster (status `refused`, no record). Poll `/deployments/{id}/rollout` until `ready`. Needs a deploy token. Send an `Idempotency-Key` from CI.", body: s.deployRequest, response: { status: 201, schema: s.deployResponse }, idempotent: true },
  { method: "get", path: "/deployments", operationId: "listDeployments", tag: "Deployments", summary: "Deployment history", description: "Newest first, filtered; keyset pages.", query: s.deploymentListQuery, response: { status: 200, schema: s.deploymentList } },
  { method: "get", path: "/deployments/{id}", operationId: "getDeployment", tag: "Deployments", summary: "One deployment record", description: "Status, per-object results, manifest and values (hidden when the template is someone else's private one).", response: { status: 200, schema: s.deploymentDetail } },
  { method: "get", path: "/deployments/{id}/rollout", operationId: "getRollout", tag: "Deployments", summary: "Live rollout per ordinal", description: "Read from the cluster now with the token user's kubeconfig: `ready`, `progressing`, `stalled` (with a reason), `missing` or `unavailable`.", response: { status: 200, schema: s.rolloutResponse } },
  { method: "post", path: "/deployments/{id}/redeploy", operationId: "redeploy", tag: "Deployments", summary: "Redeploy a record", description: "Applies the record's exact manifest again (a rollback when the record is older). Needs a deploy token; the deployer or an owner/admin.", body: s.redeployRequest, response: { status: 201, schema: s.deployResponse }, idempotent: true },
  { method: "post", path: "/deployments/{id}/undeploy", operationId: "undeploy", tag: "Deployments", summary: "Undeploy a record's app", description: "Removes the app's objects (volume claims are kept). Needs a deploy token; the deployer or an owner/admin.", body: s.undeployRequest, response: { status: 201, schema: s.deployResponse }, idempotent: true },
  { method: "get", path: "/requests/{id}", operationId: "getDeployRequest", tag: "Deployments", summary: "A deploy request waiting for approval", description: "A deploy to a protected target answers `waiting_for_approval` with an `approvalRequestId`; poll this until the status is no longer `pending`: `applied`/`failed` carry the `deploymentId` (then poll its rollout), `rejected`/`withdrawn`/`expired` never run.", response: { status: 200, schema: s.deployRequestView } },
  { method: "get", path: "/audit", operationId: "listAuditEvents", tag: "Audit", summary: "Audit events", description: "Same visibility as the console: owners/admins the team's trail, others their own events and the team's deploys.", query: s.auditListQuery, response: { status: 200, schema: s.auditList } },
  { method: "get", path: "/audit/export", operationId: "exportAuditEvents", tag: "Audit", summary: "Export audit events (streamed JSON or CSV)", query: s.auditExportQuery, response: { status: 200, file: ["application/json", "text/csv"] } },
  { method: "get", path: "/openapi.json", operationId: "getOpenApi", tag: "Meta", summary: "This document", response: { status: 200, file: ["application/json"] }, public: true },
];
