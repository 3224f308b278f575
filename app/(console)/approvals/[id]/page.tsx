import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestTranslator } from "@/lib/server/translate";
import { PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { RequestStatusBadge } from "@/app/_components/request-status";
import { getDeployRequest, type RequestDetail } from "@/lib/server/deploy-requests-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DecisionForm, WithdrawForm } from "./decision-form";
import { SnapshotView } from "./snapshot-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("approvals"))("requestTitle") };
}

// One request: what would be applied, the diff at request time beside the diff re-computed
// against live now (with the requester's credential), the approvals so far, and the decision.
export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const [t, text] = await Promise.all([getTranslations("approvals"), requestTranslator()]);
  const { id } = await params;
  let r: RequestDetail;
  try {
    r = await getDeployRequest(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  const live = "error" in r.live ? null : r.live;
  const options = Object.entries(r.options).filter(([, v]) => v).map(([k]) => k).join(", ");
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("heading", { kind: r.kind, app: r.appName, cluster: r.cluster, namespace: r.namespace })}
        description={
          <>
            <RequestStatusBadge status={r.status} />{" "}
            {t("headline", { n: r.approvals, m: r.required, requester: r.requester, at: utcTime(r.createdAt, "minute"), expires: utcTime(r.expiresAt, "minute") })}
          </>
        }
        actions={<Link href="/approvals" className="btn-secondary">{t("allRequests")}</Link>}
      />
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 p-4 text-sm sm:grid-cols-2">
        <div><dt className="text-slate-500">{t("reason")}</dt><dd>{r.reason || "—"}</dd></div>
        <div><dt className="text-slate-500">{t("template")}</dt><dd>{r.templateId ? <Link className="text-brand-700 underline" href={`/templates/${r.templateId}`}>{t("version", { version: r.templateVersion ?? "?" })}</Link> : "—"}</dd></div>
        <div><dt className="text-slate-500">{t("parameters")}</dt><dd><code className="text-xs">{JSON.stringify(r.parameters)}</code></dd></div>
        <div><dt className="text-slate-500">{t("options")}</dt><dd>{options || t("none")}</dd></div>
        {r.message ? <div className="sm:col-span-2"><dt className="text-slate-500">{t("outcome")}</dt><dd>{r.message}</dd></div> : null}
        {r.deploymentId ? <div><dt className="text-slate-500">{t("deployment")}</dt><dd><Link className="text-brand-700 underline" href={`/deployments/${r.deploymentId}`} data-testid="request-deployment">{t("openRecord")}</Link></dd></div> : null}
      </dl>
      <section aria-labelledby="diff-h" className="space-y-2">
        <h2 id="diff-h" className="text-base font-semibold">{t("diffHeading")}</h2>
        {live?.changedSinceRequest ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="live-changed">
            {t("liveChanged")}
          </p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-medium">{t("atRequest")}</h3>
            <SnapshotView snapshot={r.atRequest} testId="diff-at-request" />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium">{t("now")}</h3>
            {live ? <SnapshotView snapshot={live.snapshot} testId="diff-now" /> : <p className="card p-3 text-sm text-slate-600" data-testid="diff-now-error">{"error" in r.live ? text(r.live.errorMsg) : ""}</p>}
          </div>
        </div>
      </section>
      <section aria-labelledby="approvals-h" className="space-y-2">
        <h2 id="approvals-h" className="text-base font-semibold">{t("decisions")}</h2>
        {r.approvalList.length === 0 ? <p className="text-sm text-slate-600">{t("noDecision")}</p> : (
          <ul className="space-y-1 text-sm" data-testid="decisions">
            {r.approvalList.map((a) => (
              <li key={`${a.approver}${a.createdAt.toISOString()}`}>
                {t(a.decision === "approve" ? "approvedBy" : "rejectedBy", { who: a.approver, at: utcTime(a.createdAt, "minute") })}
                {a.stale ? <span className="badge ml-1 bg-slate-100 text-slate-600">{t("stale")}</span> : null}
                {a.comment ? <span className="text-slate-600"> — “{a.comment}”</span> : null}
              </li>
            ))}
          </ul>
        )}
        {r.canDecide && live ? <DecisionForm requestId={r.id} digest={live.digest} /> : null}
        {r.canWithdraw ? <WithdrawForm requestId={r.id} /> : null}
      </section>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">{t("manifest")}</summary>
        <pre className="card mt-2 max-h-96 overflow-auto p-3 text-xs">{r.manifest}</pre>
      </details>
    </div>
  );
}
