import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import type { FieldChange } from "@/lib/manifests";
import type { ClusterPlan } from "@/lib/server/deployments";
import type { ObjectPlan } from "@/lib/server/k8s/plan";

// A plan, per cluster and object: action, RBAC denials, dry-run errors and the field diff.
// Denials and dry-run errors are the cluster's own words: only our framing around them is
// translated. Warnings (what the cluster lacks) and "kind not served" are Berth's: messages.
export const ACTION_STYLE: Record<string, string> = {
  create: "bg-green-100 text-green-800",
  update: "bg-blue-100 text-blue-800",
  unchanged: "bg-slate-100 text-slate-600",
  recreate: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-800",
};

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function PlanView({ plans }: { plans: ClusterPlan[] }) {
  const t = useTranslations("plan");
  const format = useFormatMsg();
  return (
    <div className="space-y-4" data-testid="plan">
      {plans.map((c) => (
        <section key={c.clusterId} className="card p-4" aria-label={t("for", { cluster: c.clusterName || c.clusterId })}>
          <h3 className="mb-2 text-sm font-semibold">
            {c.clusterName || c.clusterId}
            {c.plan ? <span className="ml-2 font-normal text-slate-500">{t("namespace", { namespace: c.plan.namespace })}</span> : null}
            {c.plan ? (
              <span className={`badge ml-2 ${c.plan.ok ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>{t(c.plan.ok ? "ready" : "blocked")}</span>
            ) : null}
          </h3>
          {c.error ? <p role="alert" className="text-sm text-red-700">{format(c.blockerMsgs[0] ?? c.error)}</p> : null}
          {c.plan?.namespaceExists === false ? <p className="mb-2 text-sm text-amber-800">{t(namespaceLine(c.plan), { namespace: c.plan.namespace })}</p> : null}
          {c.denials.length ? (
            <div role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="plan-denials">
              <p className="font-medium">
                {t("missing", { count: c.denials.length })}
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
              {t.rich("otherTemplate", {
                template: c.ownership.otherTemplate.templateName,
                version: c.ownership.otherTemplate.version !== null ? ` v${c.ownership.otherTemplate.version}` : "",
                number: c.ownership.otherTemplate.number,
                strong: (chunks) => <strong>{chunks}</strong>,
                record: (chunks) => (
                  <Link className="underline" href={`/deployments/${c.ownership!.otherTemplate!.deploymentId}`}>
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : null}
          {c.ownership?.leftBehind.length ? (
            <div className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="plan-left-behind">
              {t("leftBehind")}
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
function namespaceLine(plan: NonNullable<ClusterPlan["plan"]>): "nsMissingCannotCreate" | "nsWillCreate" | "nsTick" {
  if (!plan.canCreateNamespace) return "nsMissingCannotCreate";
  return plan.createNamespace ? "nsWillCreate" : "nsTick";
}

function ObjectTable({ objects }: { objects: ObjectPlan[] }) {
  const t = useTranslations("plan");
  const format = useFormatMsg();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>{t("cols.object")}</th>
          <th>{t("cols.action")}</th>
          <th>{t("cols.details")}</th>
        </tr>
      </thead>
      <tbody>
        {objects.map((o) => (
          <tr key={`${o.kind}/${o.name}`} data-testid={`plan-${o.kind}-${o.name}`}>
            <td className="whitespace-nowrap font-mono text-xs">
              {o.kind}/{o.name}
            </td>
            <td>
              <span className={`badge ${ACTION_STYLE[o.action] ?? ""}`}>{t.has(`actions.${o.action}`) ? t(`actions.${o.action}`) : o.action}</span>
            </td>
            <td className="space-y-1 text-xs [overflow-wrap:anywhere]">
              {o.denied.map((d) => (
                <p key={d} role="alert" className="text-red-700">
                  {t("rbac")} {d}
                </p>
              ))}
              {o.errors.map((e) => (
                <p key={`${e.field}${e.message}`} className="text-red-700">
                  {t("dryRun")} {e.field ? <code>{e.field}</code> : null} {e.msg ? format(e.msg) : e.message}
                </p>
              ))}
              {o.warningMsgs.map((w, i) => (
                <p key={o.warnings[i]} className="text-amber-800" data-testid="plan-warning">
                  {t("warning", { warning: format(w) })}
                </p>
              ))}
              {o.takeOver?.length ? (
                <p className="text-amber-800" data-testid="plan-takeover">
                  {t("takeOver", { managers: o.takeOver.join(", ") })}
                </p>
              ) : null}
              {o.conflict ? <p className="text-amber-800">{t("conflict")}</p> : null}
              {o.immutable.length ? (
                <p className="text-amber-800">
                  {t("immutable", { fields: o.immutable.join(", ") })}
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
  const t = useTranslations("plan");
  if (!changes.length) return null;
  return (
    <ul className="font-mono">
      {changes.slice(0, 50).map((c) => (
        <li key={c.path}>
          <span className="text-slate-700">{c.path}</span>: <span className="text-red-700 line-through">{show(c.before)}</span> →{" "}
          <span className="text-green-800">{show(c.after)}</span>
        </li>
      ))}
      {changes.length > 50 ? <li>{t("more", { count: changes.length - 50 })}</li> : null}
    </ul>
  );
}
