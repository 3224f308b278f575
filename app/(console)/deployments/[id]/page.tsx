import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/empty-state";
import { getDeployment, type DeploymentDetail } from "@/lib/server/deployments-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { duration, when } from "../format";
import { RedeployPanel, UndeployPanel } from "./replay-panel";
import { RolloutPanel } from "./rollout-panel";

export const metadata: Metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, role } = await requireTeamWorkspace();
  const { id } = await params;
  let d: DeploymentDetail;
  try {
    d = await getDeployment(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  // canAct is deploymentAccess().act: it already needs deploy.run (the deployer, or an owner/admin).
  const canDeploy = d.canAct && !d.cluster.removed;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`#${d.number} ${d.kind} ${d.appName}`}
        description={
          <>
            <DeploymentStatusBadge status={d.status} testId="deployment-status" />{d.stale ? <span className="ml-1 text-xs text-red-700">no result recorded (server stopped mid-way?)</span> : null} {d.message}
          </>
        }
        actions={<Link href="/deployments" className="btn-secondary">History</Link>}
      />
      {d.breakGlass ? (
        <p role="alert" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm font-semibold text-red-800" data-testid="break-glass">
          BREAK GLASS: an owner applied this on a protected cluster without approvals (or through a freeze). {d.reason}
        </p>
      ) : null}
      {d.requestId ? (
        <p className="text-sm text-slate-600">
          Applied on approval of <Link className="text-brand-700 underline" href={`/approvals/${d.requestId}`}>a deploy request</Link>.
        </p>
      ) : null}
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 p-4 text-sm sm:grid-cols-2">
        <Item label="Who">{d.actor.name} ({d.actor.email})</Item>
        <Item label="When">{when(d.startedAt)} · {duration(d.durationMs)}</Item>
        <Item label="Template">
          {d.detailsHidden ? "a private template" : d.template ? <Link className="text-brand-700 underline" href={`/templates/${d.template.id}`}>{d.template.name} v{d.template.version}</Link> : "—"}
        </Item>
        <Item label="Where">
          {d.cluster.name}{d.cluster.removed ? " (removed)" : ""} / {d.namespace} ·{" "}
          <Link className="text-brand-700 underline" href={`/applications/${d.cluster.id}/${d.namespace}/${d.appName}`} data-testid="application-link">application {d.appName}</Link>
        </Item>
        {d.detailsHidden ? null : <Item label="Parameters"><code className="text-xs">{JSON.stringify(d.parameters)}</code></Item>}
        {d.replayOf ? (
          <Item label={d.kind === "undeploy" ? "Undeploy from" : "Redeploy of"}>
            <Link className="text-brand-700 underline" href={`/deployments/${d.replayOf.id}`}>{`#${d.replayOf.number}`}</Link>
          </Item>
        ) : null}
        {d.reason ? <Item label="Reason">{d.reason}</Item> : null}
      </dl>
      <RecordOutcome d={d} />
      {d.detailsHidden ? (
        <p className="card p-4 text-sm text-slate-600" data-testid="details-hidden">
          This deployment was made from someone else&apos;s private template: its manifest, parameter values, results and rollout are shown
          only to the person who deployed it and to team owners and admins.
        </p>
      ) : (
        <>
          {d.live?.id === d.id ? <RolloutPanel deploymentId={d.id} /> : null}
          <section aria-labelledby="results-h" className="card overflow-x-auto p-4">
            <h2 id="results-h" className="mb-2 text-base font-semibold">Per-object results</h2>
            <table className="data-table">
              <thead><tr><th>Object</th><th>Planned</th><th>Result</th><th>Message</th></tr></thead>
              <tbody>
                {d.results.map((r) => (
                  <tr key={`${r.kind}/${r.name}`} data-testid={`result-${r.kind}-${r.name}`}>
                    <td className="font-mono text-xs">{String(r.kind)}/{String(r.name)}</td>
                    <td>{String(r.action ?? "")}{r.recreated ? " (recreated)" : ""}</td>
                    <td>{String(r.status)}</td>
                    <td className="text-xs">{String(r.message ?? "")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      {canDeploy && d.kind !== "undeploy" ? (
        <div className="grid gap-6">
          <RedeployPanel deploymentId={d.id} canBreakGlass={role === "owner"} />
          <UndeployPanel deploymentId={d.id} appName={d.appName} canBreakGlass={role === "owner"} />
        </div>
      ) : null}
      {d.detailsHidden ? null : (
        <section aria-labelledby="manifest-h">
          <h2 id="manifest-h" className="mb-2 text-base font-semibold">Exact manifest</h2>
          <pre className="card max-h-[32rem] overflow-auto p-3 text-xs" data-testid="manifest">{d.manifest}</pre>
        </section>
      )}
    </div>
  );
}

/**
 * What this record did, and whether what runs now is its doing: only the live record shows the
 * live rollout; an older one says which record replaced it.
 */
function RecordOutcome({ d }: { d: DeploymentDetail }) {
  const ref = (r: { id: string; number: number }) => (
    <Link className="text-brand-700 underline" href={`/deployments/${r.id}`}>{`#${r.number}`}</Link>
  );
  let text: React.ReactNode;
  if (d.status === "pending" || d.status === "applying") text = d.stale ? "No result was recorded." : "In progress.";
  else if (d.kind === "undeploy") text = d.status === "applied" ? <>This record removed {d.appName}.{d.live ? <> It was deployed again since: live now is {ref(d.live)}.</> : null}</> : "This undeploy failed: see the per-object results.";
  else if (d.status === "failed") text = <>This {d.kind} failed: see the per-object results.{d.live ? <> Live now is {ref(d.live)}.</> : null}</>;
  else if (d.live?.id === d.id) text = "Applied, and live: the rollout below is read from the cluster now.";
  else if (d.supersededBy) {
    text = (
      <>
        Applied, then superseded by {ref(d.supersededBy)} ({d.supersededBy.kind}, {when(d.supersededBy.startedAt)}).{" "}
        {d.live ? <>Live now is {ref(d.live)}.</> : `${d.appName} is not deployed there now.`}
      </>
    );
  } else text = "Applied.";
  return (
    <p className="card px-4 py-3 text-sm" data-testid="record-outcome">
      <strong>Outcome of this record: </strong>
      {text}
    </p>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
