import type { PlanSnapshot } from "@/lib/server/deploy-requests-plan";
import { ACTION_STYLE, ChangeList } from "../../deployments/plan-view";

/** A stored or re-computed request plan: per object its action and field changes. */
export function SnapshotView({ snapshot, testId }: { snapshot: PlanSnapshot; testId: string }) {
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Object</th>
          <th>Action</th>
          <th>Changes</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.objects.length === 0 ? (
          <tr><td colSpan={3} className="text-sm text-slate-500">nothing</td></tr>
        ) : snapshot.objects.map((o) => (
          <tr key={`${o.kind}/${o.name}`}>
            <td className="whitespace-nowrap font-mono text-xs">{o.kind}/{o.name}</td>
            <td><span className={`badge ${ACTION_STYLE[o.action] ?? ""}`}>{o.action}</span></td>
            <td className="text-xs [overflow-wrap:anywhere]">
              {o.conflict ? <p className="text-amber-800">another field manager owns some of these fields</p> : null}
              <ChangeList changes={o.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
