import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense } from "react";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { APPS_PAGE_SIZE, LIVE_FILTER_SCAN, applicationFilterOptions, listApplications, type AppRecord } from "@/lib/server/applications";
import { HEALTH_STATES, SYNC_STATES, encodeCursor, parseAppFilter, type AppFilter } from "@/lib/server/applications-input";
import { appKeyString, liveByCluster, type AppLive, type ClusterLive } from "@/lib/server/applications-live";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { formatDateTime } from "@/lib/i18n/format";
import type { Msg } from "@/lib/i18n/message";
import { HealthBadge, LiveUnavailable, SYNC_KEY, SyncBadge } from "./live-badges";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications"))("title") };
}

type Search = Record<string, string | string[] | undefined>;
type RecordKind = "deploy" | "redeploy" | "undeploy";

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
  const [t, tDeployments, locale] = await Promise.all([getTranslations("applications"), getTranslations("deployments"), getLocale()]);
  const tk = (kind: string) => tDeployments(`kind.${kind as RecordKind}`);
  const filter = parseAppFilter(await searchParams);
  const options = await applicationFilterOptions(ctx);
  const liveFilter = filter.health !== undefined || filter.sync !== undefined;
  let items: AppRecord[];
  let next: string | null;
  let live: Map<string, Promise<ClusterLive>>;
  if (!liveFilter) {
    // Records render at once; each cluster's live columns stream in when that cluster answers.
    ({ items, next } = await listApplications(ctx, filter));
    live = liveByCluster(ctx, items);
  } else {
    // Filtering on live state waits for the clusters (up to LIVE_FILTER_SCAN records per page).
    const scan = await listApplications(ctx, filter, { limit: LIVE_FILTER_SCAN });
    live = liveByCluster(ctx, scan.items);
    const settled = new Map(await Promise.all([...live].map(async ([id, p]) => [id, await p] as const)));
    const matching = scan.items.filter((r) => matchesLive(filter, liveOf(settled.get(r.clusterId), r)));
    items = matching.slice(0, APPS_PAGE_SIZE);
    next = matching.length > APPS_PAGE_SIZE || scan.next ? encodeCursor(items[items.length - 1] ?? scan.items[scan.items.length - 1]) : null;
  }
  const { after: _after, ...kept } = filter;
  const query = (extra: Record<string, string>) => `/applications?${new URLSearchParams({ ...(kept as Record<string, string>), ...extra }).toString()}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link href="/applications/adopt" className="btn-secondary">{t("adoptLink")}</Link>
            <Link href="/deployments/new" className="btn-primary">{t("newDeployment")}</Link>
          </>
        }
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label={t("filter")}>
        <FilterText name="q" label={t("search")} value={filter.q} placeholder={t("searchPlaceholder")} maxLength={63} />
        <FilterSelect name="cluster" label={t("cluster")} value={filter.cluster} options={options.clusters.map((c) => [c.id, c.name])} />
        <FilterSelect name="namespace" label={t("namespace")} value={filter.namespace} options={options.namespaces.map((n) => [n, n])} />
        <FilterSelect name="template" label={t("template")} value={filter.template} options={options.templates.map((t) => [t.id, t.name])} />
        <FilterSelect name="health" label={t("health")} value={filter.health} options={HEALTH_STATES.map((s) => [s, t(`healthStates.${s}`)])} />
        <FilterSelect name="sync" label={t("sync")} value={filter.sync} options={SYNC_STATES.map((s) => [s, t(`syncStates.${SYNC_KEY[s]}`)])} />
        <button type="submit" className="btn-secondary">{t("applyFilter")}</button>
        <Link href="/applications" className="text-sm text-slate-600 underline">{t("clear")}</Link>
      </form>
      {items.length === 0 ? (
        <EmptyState title={t("emptyTitle")} action={<Link href="/deployments/new" className="btn-primary">{t("emptyAction")}</Link>}>
          {t("emptyHelp")}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table" aria-label={t("title")}>
            <thead>
              <tr>
                <th>{t("cols.app")}</th>
                <th>{t("cols.template")}</th>
                <th>{t("cols.where")}</th>
                <th>{t("cols.last")}</th>
                <th>{t("cols.health")}</th>
                <th>{t("cols.sync")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={appKeyString(r)} data-testid="app-row" data-app={r.appName} data-cluster={r.clusterName}>
                  <td className="font-mono text-xs">
                    <Link href={`/applications/${r.clusterId}/${r.namespace}/${r.appName}`} className="text-brand-700 hover:underline">{r.appName}</Link>
                  </td>
                  <td>{r.applied.templateId ? <Link className="text-brand-700 hover:underline" href={`/templates/${r.applied.templateId}`}>{t("templateVersion", { name: r.applied.templateName ?? "", version: r.applied.templateVersion ?? "?" })}</Link> : "—"}</td>
                  <td>{r.clusterRemoved ? t("clusterRemoved", { name: r.clusterName }) : r.clusterName} / {r.namespace}</td>
                  <td className="text-xs">
                    <Link href={`/deployments/${r.last.id}`} className="text-brand-700 hover:underline">{tk(r.last.kind)}</Link>{" "}
                    <DeploymentStatusBadge status={r.last.status} />
                    <span className="block text-slate-600">{t("byWhen", { actor: r.last.actorName, time: formatDateTime(locale, r.last.startedAt) })}</span>
                  </td>
                  <Suspense fallback={<><td className="text-xs text-slate-500" data-testid="live-pending">{t("checking")}</td><td className="text-xs text-slate-500">{t("checking")}</td></>}>
                    <LiveCells promise={live.get(r.clusterId)!} record={r} notRead={t("notRead")} />
                  </Suspense>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-3 text-sm" aria-label={t("pages")}>
        {filter.after ? <Link className="text-brand-700 underline" href={query({})}>{t("firstPage")}</Link> : null}
        {next ? <Link className="text-brand-700 underline" href={query({ after: next })}>{t("nextPage", { n: APPS_PAGE_SIZE })}</Link> : null}
      </nav>
    </div>
  );
}

/** `notRead`: the reader's words for a record whose cluster answered nothing about it. */
function liveOf(cluster: ClusterLive | undefined, r: AppRecord, notRead = ""): AppLive | { unavailable: string; msg?: Msg } {
  if (!cluster || cluster.state !== "ok") return { unavailable: cluster?.message ?? notRead, msg: cluster?.msg };
  return cluster.apps.get(appKeyString(r)) ?? { unavailable: notRead };
}

function matchesLive(f: AppFilter, v: AppLive | { unavailable: string }): boolean {
  const health = "unavailable" in v ? "Unknown" : v.health.state;
  const sync = "unavailable" in v ? "Unknown" : v.sync.state;
  return (!f.health || f.health === health) && (!f.sync || f.sync === sync);
}

async function LiveCells({ promise, record, notRead }: { promise: Promise<ClusterLive>; record: AppRecord; notRead: string }) {
  const cluster = await promise;
  const v = liveOf(cluster, record, notRead);
  if ("unavailable" in v) {
    return (
      <td colSpan={2}>
        <LiveUnavailable message={v.unavailable} msg={v.msg} testId={cluster.state === "no_credential" ? "live-no-credential" : "live-unavailable"} />
      </td>
    );
  }
  return (
    <>
      <td><HealthBadge health={v.health} /></td>
      <td><SyncBadge sync={v.sync} /></td>
    </>
  );
}
