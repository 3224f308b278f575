import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { applicationHistory, getApplication, type AppRecord } from "@/lib/server/applications";
import { appKeySchema, type AppKey } from "@/lib/server/applications-input";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { formatDateTime } from "@/lib/i18n/format";
import { DriftPanel } from "./drift-panel";
import { HistoryPanel } from "./history-panel";
import { LeftoverClaims } from "./leftover-claims";
import { LiveTree } from "./live-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.app"))("metaTitle") };
}

type Params = { cluster: string; namespace: string; app: string };

export default async function ApplicationPage({ params }: { params: Promise<Params> }) {
  const { ctx, role } = await requireTeamWorkspace();
  const [t, tDeployments, locale] = await Promise.all([getTranslations("applications"), getTranslations("deployments"), getLocale()]);
  const p = await params;
  const parsed = appKeySchema.safeParse({ clusterId: p.cluster, namespace: p.namespace, appName: p.app });
  if (!parsed.success) notFound();
  const key: AppKey = parsed.data;
  let record: AppRecord | null = null;
  try {
    record = await getApplication(ctx, key);
  } catch (e) {
    if (!(e instanceof AppError && e.code === "not_found")) throw e;
  }
  const history = await applicationHistory(ctx, key);
  if (!record && history.length === 0) notFound();
  const canAct = roleAllows(role, "deploy.run") && !record?.clusterRemoved;
  const title = `${key.appName}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title={title}
        description={
          record ? (
            <>
              {record.clusterRemoved ? t("clusterRemoved", { name: record.clusterName }) : record.clusterName} / {record.namespace} ·{" "}
              {record.applied.templateId ? <Link className="text-brand-700 underline" href={`/templates/${record.applied.templateId}`}>{t("templateVersion", { name: record.applied.templateName ?? "", version: record.applied.templateVersion ?? "?" })}</Link> : t("app.noTemplate")} · {t("app.last")}{" "}
              <Link className="text-brand-700 underline" href={`/deployments/${record.last.id}`}>{tDeployments(`kind.${record.last.kind as "deploy" | "redeploy" | "undeploy"}`)}</Link>{" "}
              <DeploymentStatusBadge status={record.last.status} /> {t("app.byActor", { actor: record.last.actorName, time: formatDateTime(locale, record.last.startedAt) })}
            </>
          ) : (
            <>{t("app.undeployed")}</>
          )
        }
        actions={<Link href="/applications" className="btn-secondary">{t("app.all")}</Link>}
      />
      {record ? (
        <>
          <Suspense fallback={<p className="card p-4 text-sm text-slate-600" data-testid="live-loading">{t("app.readingLive")}</p>}>
            <LiveTree ctx={ctx} appKey={key} canAct={canAct} />
          </Suspense>
          <Suspense fallback={<p className="card p-4 text-sm text-slate-600">{t("app.comparing")}</p>}>
            <DriftPanel ctx={ctx} appKey={key} canSync={canAct} />
          </Suspense>
        </>
      ) : (
        <Suspense fallback={<p className="card p-4 text-sm text-slate-600">{t("app.readingClaims")}</p>}>
          <LeftoverClaims ctx={ctx} appKey={key} canAct={roleAllows(role, "deploy.run")} />
        </Suspense>
      )}
      <HistoryPanel appKey={key} history={history} canRollback={roleAllows(role, "deploy.run")} />
    </div>
  );
}
