import "server-only";
import type { ClusterResult as ApiClusterResult, DeployResponse } from "@/lib/api/v1/schemas";
import { decodeCursor } from "@/lib/api/v1/cursor";
import { FILTER_KEYS, parseReviewFilter, type FilterKey, type ReviewFilter } from "@/lib/audit/review-filter";
import { english } from "@/lib/i18n/english";
import type { ClusterView } from "../clusters";
import type { ClusterPlan } from "../deployments";
import type { HistoryCursor } from "../deployments-query";
import type { ClusterResult } from "../deployments-run";
import { ApiProblem } from "./problem";

// The data layer's DTOs in the API's shapes (lib/api/v1/schemas.ts): what a CI script needs, no more.
export function clusterItem(c: ClusterView) {
  const cred = c.myCredential;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    profile: c.profile,
    hasCredential: cred !== null,
    credential: cred ? { server: cred.server, context: cred.context, namespace: cred.namespace, serverVersion: cred.serverVersion, lastCheckedAt: cred.lastCheckedAt } : null,
  };
}

export function clusterPlan(p: ClusterPlan) {
  return {
    clusterId: p.clusterId,
    clusterName: p.clusterName,
    ok: (p.plan?.ok ?? false) && p.blockers.length === 0,
    error: p.error,
    blockers: p.blockers,
    denials: p.denials,
    fieldErrors: p.fieldErrors,
    namespaceExists: p.plan?.namespaceExists ?? null,
    objects: (p.plan?.objects ?? []).map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.name,
      action: o.action,
      changes: o.changes.length,
      denied: o.denied,
      errors: o.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)),
      warnings: o.warnings,
      immutable: o.immutable,
      conflict: o.conflict,
    })),
  };
}

/** Per-cluster results and the overall status: theirs when they agree, `partial` otherwise. */
export function deployReply(results: (ClusterResult | ApiClusterResult)[], extra: Partial<DeployResponse> & { appName: string }): { status: number; body: DeployResponse } {
  // The data layer calls a held deploy's request `requestId`; the API says what it is. Its `msg` (the
  // console's catalogue message) stays out: the API speaks English, in `message`.
  const items = results.map(({ requestId, msg: _msg, ...r }: ClusterResult | ApiClusterResult & { requestId?: string; msg?: unknown }) => ({ ...r, ...(requestId ? { approvalRequestId: requestId } : {}) }) as ApiClusterResult);
  const statuses = new Set(items.map((r) => r.status));
  const status = statuses.size === 1 ? [...statuses][0] : "partial";
  // 201 when a record was written somewhere; all refused (nothing written) is a plain 200 answer.
  const wrote = items.some((r) => r.deploymentId !== null || r.status === "waiting_for_approval");
  return { status: wrote ? 201 : 200, body: { ...extra, status, results: items } };
}

const badCursor = () => new ApiProblem("invalid", "That cursor is not one this API handed out.", { cursor: ["Pass the nextCursor of the previous page unchanged."] });

/** ?cursor= of a paged list, or a field error. */
export function readCursor<K extends string>(cursor: string | undefined, keys: Record<K, "string" | "number">): Record<K, string | number> | undefined {
  const decoded = decodeCursor(cursor, keys);
  if (decoded === null) throw badCursor();
  return decoded;
}

/** The history's keyset cursor (the last record's start and id). */
export function readHistoryCursor(cursor: string | undefined): HistoryCursor | undefined {
  const c = readCursor(cursor, { t: "string", i: "string" });
  if (!c) return undefined;
  const startedAt = new Date(String(c.t));
  if (Number.isNaN(startedAt.getTime())) throw badCursor();
  return { startedAt, id: String(c.i) };
}

/** The audit query's filter fields, checked by the console's own filter parser; its refusals become field errors. */
export function reviewFilterOf(query: Partial<Record<FilterKey, string>>): ReviewFilter {
  const params: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (typeof query[key] === "string") params[key] = query[key];
  const { filter, errors } = parseReviewFilter(params);
  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [english(v)]]));
  if (Object.keys(fieldErrors).length) throw new ApiProblem("invalid", "Please correct the filters listed in `errors`.", fieldErrors);
  return filter;
}
