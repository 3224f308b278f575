import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { APPS_PAGE_SIZE, LIVE_FILTER_SCAN, applicationFilterOptions, listApplications, type AppRecord } from "@/lib/server/applications";
import { HEALTH_STATES, SYNC_STATES, encodeCursor, parseAppFilter, type AppFilter } from "@/lib/server/applications-input";
import { appKeyString, liveByCluster, type AppLive, type ClusterLive } from "@/lib/server/applications-live";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { when } from "../deployments/format";
import { HealthBadge, LiveUnavailable, SyncBadge } from "./live-badges";

export const metadata: Metadata = { title: "Applications" };

type Search = Record<string, string | string[] | undefined>;

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
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
        title="Applications"
        description="What Berth deployed and has not undeployed, per cluster and namespace. Health and sync are read live with your own kubeconfig."
        actions={
          <>
            <Link href="/applications/adopt" className="btn-secondary">Adopt a running app</Link>
            <Link href="/deployments/new" className="btn-primary">New deployment</Link>
          </>
        }
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label="Filter applications">
        <FilterText name="q" label="Search" value={filter.q} placeholder="app name" maxLength={63} />
        <FilterSelect name="cluster" label="Cluster" value={filter.cluster} options={options.clusters.map((c) => [c.id, c.name])} />
        <FilterSelect name="namespace" label="Namespace" value={filter.namespace} options={options.namespaces.map((n) => [n, n])} />
        <FilterSelect name="template" label="Template" value={filter.template} options={options.templates.map((t) => [t.id, t.name])} />
        <FilterSelect name="health" label="Health" value={filter.health} options={HEALTH_STATES.map((s) => [s, s])} />
        <FilterSelect name="sync" label="Sync" value={filter.sync} options={SYNC_STATES.map((s) => [s, s])} />
        <button type="submit" className="btn-secondary">Filter</button>
        <Link href="/applications" className="text-sm text-slate-600 underline">Clear</Link>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No applications match" action={<Link href="/deployments/new" className="btn-primary">Deploy a template</Link>}>
          An application appears here once a template is deployed to a cluster, and leaves when it is undeployed.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table" aria-label="Applications">
            <thead>
              <tr>
                <th>App</th>
                <th>Template</th>
                <th>Cluster / namespace</th>
                <th>Last deployment</th>
                <th>Health</th>
                <th>Sync</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={appKeyString(r)} data-testid="app-row" data-app={r.appName} data-cluster={r.clusterName}>
                  <td className="font-mono text-xs">
                    <Link href={`/applications/${r.clusterId}/${r.namespace}/${r.appName}`} className="text-brand-700 hover:underline">{r.appName}</Link>
                  </td>
                  <td>{r.applied.templateId ? <Link className="text-brand-700 hover:underline" href={`/templates/${r.applied.templateId}`}>{r.applied.templateName} v{r.applied.templateVersion ?? "?"}</Link> : "—"}</td>
                  <td>{r.clusterName}{r.clusterRemoved ? " (removed)" : ""} / {r.namespace}</td>
                  <td className="text-xs">
                    <Link href={`/deployments/${r.last.id}`} className="text-brand-700 hover:underline">{r.last.kind}</Link>{" "}
                    <DeploymentStatusBadge status={r.last.status} />
                    <span className="block text-slate-600">{r.last.actorName} · {when(r.last.startedAt)}</span>
                  </td>
                  <Suspense fallback={<><td className="text-xs text-slate-500" data-testid="live-pending">checking…</td><td className="text-xs text-slate-500">checking…</td></>}>
                    <LiveCells promise={live.get(r.clusterId)!} record={r} />
                  </Suspense>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-3 text-sm" aria-label="Pages">
        {filter.after ? <Link className="text-brand-700 underline" href={query({})}>First page</Link> : null}
        {next ? <Link className="text-brand-700 underline" href={query({ after: next })}>Next {APPS_PAGE_SIZE}</Link> : null}
      </nav>
    </div>
  );
}

function liveOf(cluster: ClusterLive | undefined, r: AppRecord): AppLive | { unavailable: string } {
  if (!cluster || cluster.state !== "ok") return { unavailable: cluster?.message ?? "not read" };
  return cluster.apps.get(appKeyString(r)) ?? { unavailable: "not read" };
}

function matchesLive(f: AppFilter, v: AppLive | { unavailable: string }): boolean {
  const health = "unavailable" in v ? "Unknown" : v.health.state;
  const sync = "unavailable" in v ? "Unknown" : v.sync.state;
  return (!f.health || f.health === health) && (!f.sync || f.sync === sync);
}

async function LiveCells({ promise, record }: { promise: Promise<ClusterLive>; record: AppRecord }) {
  const cluster = await promise;
  const v = liveOf(cluster, record);
  if ("unavailable" in v) {
    return (
      <td colSpan={2}>
        <LiveUnavailable message={v.unavailable} testId={cluster.state === "no_credential" ? "live-no-credential" : "live-unavailable"} />
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
