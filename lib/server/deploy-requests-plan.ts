import "server-only";
import { msg } from "@/lib/i18n/message";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { listAppObjects } from "./k8s/undeploy";
import type { Actor } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import type { RunOptions } from "./deployments-run";
import { checkedPlan } from "./deployments-run";
import type { Bundle } from "./deployments-render";
import { AppError, invalid } from "./errors";
import { describeError } from "./k8s/api-error";

// A deploy request's plan, as stored and compared: per object the action and field changes
// (the diff against live), made with the requester's own credential. Its digest is what an
// approval is given to: when a plan made again now gives another digest, live state changed
// since and approvals given to the old one are stale.
export type SnapshotChange = { path: string; before?: unknown; after?: unknown };
export type SnapshotObject = { kind: string; name: string; action: string; changes: SnapshotChange[]; conflict: boolean };
export type PlanSnapshot = { namespace: string; namespaceExists: boolean | null; objects: SnapshotObject[] };

const MAX_CHANGES = 200;

export function snapshotDigest(s: PlanSnapshot): string {
  return createHash("sha256").update(canonicalize(s) ?? "").digest("hex");
}

/** A stored snapshot read back (it came from our own JSON column; still checked for shape). */
export function storedSnapshot(value: unknown): PlanSnapshot {
  const v = (value ?? {}) as Partial<PlanSnapshot>;
  return { namespace: String(v.namespace ?? ""), namespaceExists: typeof v.namespaceExists === "boolean" ? v.namespaceExists : null, objects: Array.isArray(v.objects) ? v.objects : [] };
}

export type RequestPlan = { snapshot: PlanSnapshot; digest: string };

/**
 * The plan of a request's deploy or undeploy now, with `who`'s own credential (the requester's:
 * what would be applied). Throws an AppError with a plain sentence when it cannot be made or is
 * blocked; `requesterEmail` (null: the caller's own credential) names the credential in that sentence.
 */
export async function planRequest(who: Actor, requesterEmail: string | null, clusterId: string, namespace: string, kind: "deploy" | "redeploy" | "undeploy", bundle: Bundle, opts: RunOptions): Promise<RequestPlan> {
  let opened;
  try {
    opened = await openMyKubeConfig(who, clusterId);
  } catch (e) {
    if (e instanceof AppError && requesterEmail !== null) throw invalid(msg("serverErrors.deployRequests.credentialGone", { email: requesterEmail }));
    throw e;
  }
  let snapshot: PlanSnapshot;
  if (kind === "undeploy") {
    let names: string[];
    try {
      names = await listAppObjects(opened.kc, namespace, bundle.appName, bundle.objects.map((o) => [o.apiVersion ?? "v1", o.kind ?? ""] as [string, string]));
    } catch (e) {
      throw invalid(msg("serverErrors.deployRequests.objectsNotListed", { reason: describeError(e) }));
    }
    snapshot = { namespace, namespaceExists: null, objects: names.map((n) => ({ kind: n.split("/")[0], name: n.slice(n.indexOf("/") + 1), action: "delete", changes: [], conflict: false })) };
  } else {
    const { plan } = await checkedPlan(who, opened.kc, { cluster: opened.cluster, namespace }, bundle, opts);
    snapshot = {
      namespace,
      namespaceExists: plan.namespaceExists,
      objects: plan.objects.map((o) => ({ kind: o.kind, name: o.name, action: o.action, conflict: o.conflict, changes: o.changes.slice(0, MAX_CHANGES).map((c) => ({ path: c.path, before: c.before, after: c.after })) })),
    };
  }
  // JSON round trip: what is stored is exactly what is hashed (undefined fields dropped).
  snapshot = JSON.parse(JSON.stringify(snapshot)) as PlanSnapshot;
  return { snapshot, digest: snapshotDigest(snapshot) };
}
