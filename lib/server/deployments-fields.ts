import type { KubernetesObject } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { ParameterValue } from "@/lib/manifests";
import { ownValue, pushAt } from "@/lib/manifests/plain-object";
import type { BundlePlan } from "./k8s/plan";

// Maps the object paths an API server names in a dry-run error ("spec.template.spec.
// containers[0].image") back to the deploy form: the parameter whose value landed there.
export function valueAtPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = ownValue(cur, part); // a path from an API server's reply: own fields only
  }
  return cur;
}

export function formFieldFor(obj: KubernetesObject, path: string, values: Record<string, ParameterValue>): string | undefined {
  const value = valueAtPath(obj, path);
  if (value === undefined) return undefined;
  const hit = Object.entries(values).find(([, v]) => String(v) === String(value));
  return hit ? `values.${hit[0]}` : undefined;
}

/** Field errors for the form from a plan's dry-run errors; every RBAC denial, grouped, goes to "namespace". */
export function planFieldErrors(plan: BundlePlan, objects: KubernetesObject[], values: Record<string, ParameterValue>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  plan.objects.forEach((p, i) => {
    for (const e of p.errors) {
      const field = e.field ? formFieldFor(objects[i], e.field, values) : undefined;
      if (field) pushAt(out, field, `${p.kind}/${p.name}: ${e.message}`);
    }
  });
  const denials = groupDenials(plan);
  if (denials.length) out.namespace = denials;
  return out;
}

/**
 * Every denial of a plan, once, grouped by namespace and verb:
 * "in namespace shop you cannot create: ingresses, services, statefulsets". Cluster-wide
 * denials (creating the namespace) read "you cannot create namespaces (cluster-wide)".
 */
export function groupDenials(plan: Pick<BundlePlan, "objects">): string[] {
  const groups = new Map<string, { namespace?: string; verb: string; resources: Set<string> }>();
  for (const d of plan.objects.flatMap((o) => o.denials)) {
    const key = `${d.namespace ?? ""}\u0000${d.verb}`;
    const g = groups.get(key) ?? { namespace: d.namespace, verb: d.verb, resources: new Set<string>() };
    g.resources.add(d.resource);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.verb.localeCompare(b.verb))
    .map((g) => {
      const resources = [...g.resources].sort().join(", ");
      return g.namespace ? `in namespace ${g.namespace} you cannot ${g.verb}: ${resources}` : `you cannot ${g.verb} ${resources} (cluster-wide)`;
    });
}

export function diffSummary(plan: BundlePlan): string {
  return english(diffSummaryMsg(plan));
}

/** "2 create, 1 update" as a message, each action in the reader's words (the record's outcome). */
export function diffSummaryMsg(plan: BundlePlan): Msg | string {
  const counts = new Map<string, number>();
  for (const o of plan.objects) counts.set(o.action, (counts.get(o.action) ?? 0) + 1);
  const parts = [...counts].map(([action, count]) => msg("serverErrors.deployments.diffCount", { count, action: msg(`plan.actions.${action}`) }));
  return parts.length ? parts.reduceRight((rest, first) => msg("serverErrors.deployments.listJoin", { first, rest })) : "";
}

/**
 * The short diff an audit event carries: the counts, then one line per changed field (at most
 * 20). Values are shown for images only — anything else could be a secret (env, Secret data).
 */
export function auditDiff(plan: BundlePlan): string {
  const lines = [diffSummary(plan)];
  for (const o of plan.objects) {
    for (const c of o.changes) {
      const values = /\.image$/.test(c.path) ? `: ${String(c.before ?? "—")} → ${String(c.after ?? "—")}` : "";
      lines.push(`~ ${o.kind}/${o.name} ${c.path}${values}`);
    }
  }
  return lines.length > 21 ? [...lines.slice(0, 21), `… ${lines.length - 21} more`].join("\n") : lines.join("\n");
}
