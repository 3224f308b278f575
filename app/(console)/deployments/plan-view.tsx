import Link from "next/link";
import type { FieldChange } from "@/lib/manifests";
import type { ClusterPlan } from "@/lib/server/deployments";
import type { ObjectPlan } from "@/lib/server/k8s/plan";

// A plan, per cluster and object: action, RBAC denials, dry-run errors and the field diff.
export const ACTION_STYLE: Record<string, string> = {
  create: "bg-green-100 text-green-800",
  update: "bg-blue-100 text-blue-800",
  unchanged: "bg-slate-100 text-slate-600",
  recreate: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-800",
};

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function PlanView({ plans }: { plans: ClusterPlan[] }) {
  return (
    <div className="space-y-4" data-testid="plan">
      {plans.map((c) => (
        <section key={c.clusterId} className="card p-4" aria-label={`Plan for ${c.clusterName || c.clusterId}`}>
          <h3 className="mb-2 text-sm font-semibold">
            {c.clusterName || c.clusterId}
            {c.plan ? <span className="ml-2 font-normal text-slate-500">namespace {c.plan.namespace}</span> : null}
            {c.plan ? (
              <span className={`badge ml-2 ${c.plan.ok ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>{c.plan.ok ? "ready to deploy" : "blocked"}</span>
            ) : null}
          </h3>
          {c.error ? <p role="alert" className="text-sm text-red-700">{c.error}</p> : null}
          {c.plan?.namespaceExists === false ? <p className="mb-2 text-sm text-amber-800">{namespaceLine(c.plan)}</p> : null}
          {c.denials.length ? (
            <div role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="plan-denials">
              <p className="font-medium">
                Your credential is missing {c.denials.length === 1 ? "this permission" : "these permissions"} (ask a cluster admin for them, or deploy where you have them):
              </p>
              <ul className="list-disc pl-5">
                {c.denials.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {c.ownership?.otherTemplate ? (
            <p role="alert" className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="plan-owner">
              These objects were deployed by template <strong>{c.ownership.otherTemplate.templateName}</strong>
              {c.ownership.otherTemplate.version !== null ? ` v${c.ownership.otherTemplate.version}` : ""} (
              <Link className="underline" href={`/deployments/${c.ownership.otherTemplate.deploymentId}`}>
                record #{c.ownership.otherTemplate.number}
              </Link>
              ). Deploying replaces them: tick “take over” to do it on purpose (it is recorded in the audit trail).
            </p>
          ) : null}
          {c.ownership?.leftBehind.length ? (
            <div className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="plan-left-behind">
              The previous deploy here created objects this manifest does not have; they stay on the cluster (undeploy or delete them if they are not needed):
              <ul className="list-disc pl-5 font-mono text-xs">
                {c.ownership.leftBehind.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {c.plan ? <ObjectTable objects={c.plan.objects} /> : null}
        </section>
      ))}
    </div>
  );
}

/** The namespace's own state, not the whole plan's: "will be created" exactly when it is ticked and allowed. */
function namespaceLine(plan: NonNullable<ClusterPlan["plan"]>): string {
  const ns = `Namespace ${plan.namespace} does not exist.`;
  if (!plan.canCreateNamespace) return `${ns} You may not create it: ask a cluster admin to create it, or choose a namespace that exists.`;
  return plan.createNamespace ? `${ns} It will be created.` : `${ns} Tick “create the namespace” to create it.`;
}

function ObjectTable({ objects }: { objects: ObjectPlan[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Object</th>
          <th>Action</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {objects.map((o) => (
          <tr key={`${o.kind}/${o.name}`} data-testid={`plan-${o.kind}-${o.name}`}>
            <td className="whitespace-nowrap font-mono text-xs">
              {o.kind}/{o.name}
            </td>
            <td>
              <span className={`badge ${ACTION_STYLE[o.action] ?? ""}`}>{o.action}</span>
            </td>
            <td className="space-y-1 text-xs [overflow-wrap:anywhere]">
              {o.denied.map((d) => (
                <p key={d} role="alert" className="text-red-700">
                  RBAC: {d}
                </p>
              ))}
              {o.errors.map((e) => (
                <p key={`${e.field}${e.message}`} className="text-red-700">
                  Dry-run: {e.field ? <code>{e.field}</code> : null} {e.message}
                </p>
              ))}
              {o.warnings.map((w) => (
                <p key={w} className="text-amber-800">
                  ⚠ {w}
                </p>
              ))}
              {o.takeOver?.length ? (
                <p className="text-amber-800" data-testid="plan-takeover">
                  These objects are managed by {o.takeOver.join(", ")}; deploying makes Berth their manager.
                </p>
              ) : null}
              {o.conflict ? <p className="text-amber-800">Another field manager owns some of these fields: deploy with “force” to take them over.</p> : null}
              {o.immutable.length ? (
                <p className="text-amber-800">
                  {o.immutable.join(", ")} cannot change in place: tick “recreate, keeping the pods’ volumes” (the StatefulSet is deleted leaving its pods and PVCs, then applied).
                </p>
              ) : null}
              <ChangeList changes={o.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChangeList({ changes }: { changes: FieldChange[] }) {
  if (!changes.length) return null;
  return (
    <ul className="font-mono">
      {changes.slice(0, 50).map((c) => (
        <li key={c.path}>
          <span className="text-slate-700">{c.path}</span>: <span className="text-red-700 line-through">{show(c.before)}</span> →{" "}
          <span className="text-green-800">{show(c.after)}</span>
        </li>
      ))}
      {changes.length > 50 ? <li>… and {changes.length - 50} more</li> : null}
    </ul>
  );
}
