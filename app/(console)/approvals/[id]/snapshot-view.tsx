import { useTranslations } from "next-intl";
import type { PlanSnapshot } from "@/lib/server/deploy-requests-plan";
import { ACTION_STYLE, ChangeList } from "../../deployments/plan-view";

/** A stored or re-computed request plan: per object its action and field changes. */
export function SnapshotView({ snapshot, testId }: { snapshot: PlanSnapshot; testId: string }) {
  const t = useTranslations("approvals");
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("col.object")}</th>
          <th>{t("col.action")}</th>
          <th>{t("col.changes")}</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.objects.length === 0 ? (
          <tr><td colSpan={3} className="text-sm text-slate-500">{t("nothing")}</td></tr>
        ) : snapshot.objects.map((o) => (
          <tr key={`${o.kind}/${o.name}`}>
            <td className="whitespace-nowrap font-mono text-xs">{o.kind}/{o.name}</td>
            <td><span className={`badge ${ACTION_STYLE[o.action] ?? ""}`}>{o.action}</span></td>
            <td className="text-xs [overflow-wrap:anywhere]">
              {o.conflict ? <p className="text-amber-800">{t("conflict")}</p> : null}
              <ChangeList changes={o.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
