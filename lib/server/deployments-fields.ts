import type { KubernetesObject } from "@kubernetes/client-node";
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

/** Field errors for the form from a plan's dry-run errors (namespace problems go to "namespace"). */
export function planFieldErrors(plan: BundlePlan, objects: KubernetesObject[], values: Record<string, ParameterValue>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  plan.objects.forEach((p, i) => {
    for (const e of p.errors) {
      const field = e.field ? formFieldFor(objects[i], e.field, values) : undefined;
      if (field) pushAt(out, field, `${p.kind}/${p.name}: ${e.message}`);
    }
    if (p.denied.some((d) => d.includes("namespace"))) out.namespace = [p.denied[0]];
  });
  return out;
}

export function diffSummary(plan: BundlePlan): string {
  const counts = new Map<string, number>();
  for (const o of plan.objects) counts.set(o.action, (counts.get(o.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(", ");
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
