import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/empty-state";
import { getDeployment, type DeploymentDetail } from "@/lib/server/deployments-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { duration, when } from "../format";
import { requestTranslator } from "@/lib/server/translate";
import { isMsg } from "@/lib/i18n/message";
import { RedeployPanel, UndeployPanel } from "./replay-panel";
import { RolloutPanel } from "./rollout-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deployments.record"))("title") };
}

type DeployKind = "deploy" | "redeploy" | "undeploy";
type T = Awaited<ReturnType<typeof getTranslations<"deployments">>>;

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
  const [t, tp, locale, text] = await Promise.all([getTranslations("deployments"), getTranslations("plan"), getLocale(), requestTranslator()]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("record.heading", { number: d.number, kind: t(`kind.${d.kind as DeployKind}`), app: d.appName })}
        description={
          <>
            <DeploymentStatusBadge status={d.status} testId="deployment-status" />{d.stale ? <span className="ml-1 text-xs text-red-700">{t("stale")}</span> : null} {text(d.messageMsg ?? d.message)}
          </>
        }
        actions={<Link href="/deployments" className="btn-secondary">{t("record.history")}</Link>}
      />
      {d.breakGlass ? (
        <p role="alert" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm font-semibold text-red-800" data-testid="break-glass">
          {t("record.breakGlass")} {d.reason}
        </p>
      ) : null}
      {d.requestId ? (
        <p className="text-sm text-slate-600">
          {t.rich("record.onApproval", { link: (chunks) => <Link className="text-brand-700 underline" href={`/approvals/${d.requestId}`}>{chunks}</Link> })}
        </p>
      ) : null}
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 p-4 text-sm sm:grid-cols-2">
        <Item label={t("record.who")}>{d.actor.name} ({d.actor.email})</Item>
        <Item label={t("record.when")}>{when(d.startedAt, locale)} · {duration(d.durationMs, locale)}</Item>
        <Item label={t("record.template")}>
          {d.detailsHidden ? t("privateTemplate") : d.template ? <Link className="text-brand-700 underline" href={`/templates/${d.template.id}`}>{t("templateVersion", { name: d.template.name, version: d.template.version ?? "?" })}</Link> : "—"}
        </Item>
        <Item label={t("record.where")}>
          {d.cluster.removed ? t("removed", { cluster: d.cluster.name }) : d.cluster.name} / {d.namespace} ·{" "}
          <Link className="text-brand-700 underline" href={`/applications/${d.cluster.id}/${d.namespace}/${d.appName}`} data-testid="application-link">{t("record.application", { app: d.appName })}</Link>
        </Item>
        {d.detailsHidden ? null : <Item label={t("record.parameters")}><code className="text-xs">{JSON.stringify(d.parameters)}</code></Item>}
        {d.replayOf ? (
          <Item label={t(d.kind === "undeploy" ? "record.undeployFrom" : "record.redeployOf")}>
            <Link className="text-brand-700 underline" href={`/deployments/${d.replayOf.id}`}>{`#${d.replayOf.number}`}</Link>
          </Item>
        ) : null}
        {d.reason ? <Item label={t("record.reason")}>{d.reason}</Item> : null}
      </dl>
      <RecordOutcome d={d} t={t} locale={locale} />
      {d.detailsHidden ? (
        <p className="card p-4 text-sm text-slate-600" data-testid="details-hidden">
          {t("record.detailsHidden")}
        </p>
      ) : (
        <>
          {d.live?.id === d.id ? <RolloutPanel deploymentId={d.id} /> : null}
          <section aria-labelledby="results-h" className="card overflow-x-auto p-4">
            <h2 id="results-h" className="mb-2 text-base font-semibold">{t("record.results")}</h2>
            <table className="data-table">
              <thead><tr><th>{t("record.cols.object")}</th><th>{t("record.cols.planned")}</th><th>{t("record.cols.result")}</th><th>{t("record.cols.message")}</th></tr></thead>
              <tbody>
                {d.results.map((r) => (
                  <tr key={`${r.kind}/${r.name}`} data-testid={`result-${r.kind}-${r.name}`}>
                    <td className="font-mono text-xs">{String(r.kind)}/{String(r.name)}</td>
                    <td>{plannedAction(t, tp, r.action, r.recreated)}</td>
                    <td>{resultStatus(t, String(r.status))}</td>
                    <td className="text-xs">{isMsg(r.msg) ? text(r.msg) : String(r.message ?? "")}</td>
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
          <h2 id="manifest-h" className="mb-2 text-base font-semibold">{t("record.manifest")}</h2>
          <pre className="card max-h-[32rem] overflow-auto p-3 text-xs" data-testid="manifest">{d.manifest}</pre>
        </section>
      )}
    </div>
  );
}

/** The action the plan gave an object (create, update …) in the reader's words, and whether it was recreated. */
function plannedAction(t: T, tp: Awaited<ReturnType<typeof getTranslations<"plan">>>, action: unknown, recreated: unknown): string {
  const raw = String(action ?? "");
  const key = `actions.${raw as "create"}` as const; // any action the plan names; an unknown one is shown as it is
  const shown = tp.has(key) ? tp(key) : raw;
  return recreated ? t("record.recreated", { action: shown }) : shown;
}

/** An object's apply result (applied, failed, not_applied) in the reader's words. */
function resultStatus(t: T, status: string): string {
  const key = `resultStatus.${status as "applied"}` as const;
  return t.has(key) ? t(key) : status;
}

/**
 * What this record did, and whether what runs now is its doing: only the live record shows the
 * live rollout; an older one says which record replaced it.
 */
function RecordOutcome({ d, t, locale }: { d: DeploymentDetail; t: T; locale: string }) {
  const ref = (r: { id: string; number: number }) => (chunks: React.ReactNode) => (
    <Link className="text-brand-700 underline" href={`/deployments/${r.id}`}>{chunks}</Link>
  );
  let text: React.ReactNode;
  if (d.status === "pending" || d.status === "applying") text = t(d.stale ? "record.outcome.noResult" : "record.outcome.inProgress");
  else if (d.kind === "undeploy") {
    text =
      d.status === "applied" ? (
        <>
          {t("record.outcome.removed", { app: d.appName })}
          {d.live ? t.rich("record.outcome.deployedAgain", { number: d.live.number, link: ref(d.live) }) : null}
        </>
      ) : (
        t("record.outcome.undeployFailed")
      );
  } else if (d.status === "failed") {
    text = (
      <>
        {t("record.outcome.failed", { kind: t(`kind.${d.kind as DeployKind}`) })}
        {d.live ? t.rich("record.outcome.liveNow", { number: d.live.number, link: ref(d.live) }) : null}
      </>
    );
  } else if (d.live?.id === d.id) text = t("record.outcome.appliedLive");
  else if (d.supersededBy) {
    const by = d.supersededBy;
    text = (
      <>
        {t.rich("record.outcome.superseded", { number: by.number, kind: t(`kind.${by.kind as DeployKind}`), when: when(by.startedAt, locale), link: ref(by) })}
        {d.live ? t.rich("record.outcome.liveNow", { number: d.live.number, link: ref(d.live) }) : t("record.outcome.notDeployedNow", { app: d.appName })}
      </>
    );
  } else text = t("record.outcome.applied");
  return (
    <p className="card px-4 py-3 text-sm" data-testid="record-outcome">
      <strong>{t("record.outcome.label")}</strong>
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
