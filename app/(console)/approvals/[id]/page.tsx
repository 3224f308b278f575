import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { RequestStatusBadge } from "@/app/_components/request-status";
import { getDeployRequest, type RequestDetail } from "@/lib/server/deploy-requests-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DecisionForm, WithdrawForm } from "./decision-form";
import { SnapshotView } from "./snapshot-view";

export const metadata: Metadata = { title: "Deploy request" };

// One request: what would be applied, the diff at request time beside the diff re-computed
// against live now (with the requester's credential), the approvals so far, and the decision.
export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const { id } = await params;
  let r: RequestDetail;
  try {
    r = await getDeployRequest(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  const live = "error" in r.live ? null : r.live;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${r.kind} ${r.appName} to ${r.cluster}/${r.namespace}`}
        description={
          <>
            <RequestStatusBadge status={r.status} /> {r.approvals} of {r.required} approval{r.required > 1 ? "s" : ""} · requested by {r.requester} at {utcTime(r.createdAt, "minute")} · expires{" "}
            {utcTime(r.expiresAt, "minute")}
          </>
        }
        actions={<Link href="/approvals" className="btn-secondary">All requests</Link>}
      />
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 p-4 text-sm sm:grid-cols-2">
        <div><dt className="text-slate-500">Reason</dt><dd>{r.reason || "—"}</dd></div>
        <div><dt className="text-slate-500">Template</dt><dd>{r.templateId ? <Link className="text-brand-700 underline" href={`/templates/${r.templateId}`}>version {r.templateVersion ?? "?"}</Link> : "—"}</dd></div>
        <div><dt className="text-slate-500">Parameters</dt><dd><code className="text-xs">{JSON.stringify(r.parameters)}</code></dd></div>
        <div><dt className="text-slate-500">Options</dt><dd>{Object.entries(r.options).filter(([, v]) => v).map(([k]) => k).join(", ") || "none"}</dd></div>
        {r.message ? <div className="sm:col-span-2"><dt className="text-slate-500">Outcome</dt><dd>{r.message}</dd></div> : null}
        {r.deploymentId ? <div><dt className="text-slate-500">Deployment</dt><dd><Link className="text-brand-700 underline" href={`/deployments/${r.deploymentId}`} data-testid="request-deployment">open the record and rollout</Link></dd></div> : null}
      </dl>
      <section aria-labelledby="diff-h" className="space-y-2">
        <h2 id="diff-h" className="text-base font-semibold">Diff against live</h2>
        {live?.changedSinceRequest ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="live-changed">
            The live state changed since the request: the diff now differs from the one at request time. Approvals given to the old diff are stale.
          </p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-medium">At request time</h3>
            <SnapshotView snapshot={r.atRequest} testId="diff-at-request" />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium">Now (re-computed with the requester&apos;s credential)</h3>
            {live ? <SnapshotView snapshot={live.snapshot} testId="diff-now" /> : <p className="card p-3 text-sm text-slate-600" data-testid="diff-now-error">{"error" in r.live ? r.live.error : ""}</p>}
          </div>
        </div>
      </section>
      <section aria-labelledby="approvals-h" className="space-y-2">
        <h2 id="approvals-h" className="text-base font-semibold">Decisions</h2>
        {r.approvalList.length === 0 ? <p className="text-sm text-slate-600">No decision yet.</p> : (
          <ul className="space-y-1 text-sm" data-testid="decisions">
            {r.approvalList.map((a) => (
              <li key={`${a.approver}${a.createdAt.toISOString()}`}>
                <strong>{a.approver}</strong> {a.decision === "approve" ? "approved" : "rejected"} at {utcTime(a.createdAt, "minute")}
                {a.stale ? <span className="badge ml-1 bg-slate-100 text-slate-600">stale</span> : null}
                {a.comment ? <span className="text-slate-600"> — “{a.comment}”</span> : null}
              </li>
            ))}
          </ul>
        )}
        {r.canDecide && live ? <DecisionForm requestId={r.id} digest={live.digest} /> : null}
        {r.canWithdraw ? <WithdrawForm requestId={r.id} /> : null}
      </section>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">Rendered manifest</summary>
        <pre className="card mt-2 max-h-96 overflow-auto p-3 text-xs">{r.manifest}</pre>
      </details>
    </div>
  );
}
