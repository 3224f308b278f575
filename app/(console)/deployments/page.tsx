import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { historyFilterSchema, STATUSES } from "@/lib/server/deployments-input";
import { historyFilterOptions, listDeployments } from "@/lib/server/deployments-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { duration, when } from "./format";

export const metadata: Metadata = { title: "Deployments" };

type Search = Record<string, string | undefined>;

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
  const raw = await searchParams;
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = historyFilterSchema.safeParse(clean);
  const filter = parsed.success ? parsed.data : historyFilterSchema.parse({});
  const [{ items, total, page, pages }, options] = await Promise.all([listDeployments(ctx, filter), historyFilterOptions(ctx)]);
  const pageLink = (p: number) => `/deployments?${new URLSearchParams({ ...clean, page: String(p) } as Record<string, string>).toString()}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Deployments"
        description="Every deploy, redeploy and undeploy: who, when, what, where, and the exact manifest."
        actions={<Link href="/deployments/new" className="btn-primary">New deployment</Link>}
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label="Filter deployments">
        <FilterSelect name="clusterId" label="Cluster" value={filter.clusterId} options={options.clusters.map((c) => [c.id, c.name])} />
        <FilterText name="namespace" label="Namespace" value={filter.namespace} />
        <FilterText name="app" label="App" value={filter.app} />
        <FilterSelect name="templateId" label="Template" value={filter.templateId} options={options.templates.map((t) => [t.id, t.name])} />
        <FilterSelect name="status" label="Status" value={filter.status} options={STATUSES.map((s) => [s, s])} />
        <FilterSelect name="actorId" label="By" value={filter.actorId} options={options.actors.map((a) => [a.id, a.name])} />
        <button type="submit" className="btn-secondary">Filter</button>
        <Link href="/deployments" className="text-sm text-slate-600 underline">Clear</Link>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No deployments match">Deploy a template version to a cluster to see its history here.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table" aria-label="Deployment history">
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>What</th>
                <th>App</th>
                <th>Where</th>
                <th>Template</th>
                <th>By</th>
                <th>Result</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-testid="deployment-row">
                  <td className="whitespace-nowrap font-mono">
                    <Link href={`/deployments/${d.id}`} className="text-brand-700 hover:underline">{`#${d.number}`}</Link>
                  </td>
                  <td className="whitespace-nowrap">
                    <Link href={`/deployments/${d.id}`} className="text-brand-700 hover:underline">
                      {when(d.startedAt)}
                    </Link>
                  </td>
                  <td>
                    {d.kind}
                    {d.replayOf ? ` ${d.kind === "undeploy" ? "from" : "of"} #${d.replayOf.number}` : ""}
                    {d.live ? <span className="badge ml-1 bg-green-100 text-green-800" title="Its objects are what runs there now">live</span> : null}
                  </td>
                  <td className="font-mono text-xs">{d.appName}</td>
                  <td>
                    {d.cluster.name}
                    {d.cluster.removed ? " (removed)" : ""} / {d.namespace}
                  </td>
                  <td>{d.detailsHidden ? "a private template" : d.template ? `${d.template.name} v${d.template.version ?? "?"}` : "—"}</td>
                  <td>{d.actor.name}</td>
                  <td>
                    <DeploymentStatusBadge status={d.status} />{d.stale ? <span className="ml-1 text-xs text-red-700">no result recorded (server stopped mid-way?)</span> : null}
                  </td>
                  <td>{duration(d.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        <span>
          {total} deployment{total === 1 ? "" : "s"} · page {page} of {pages}
        </span>
        {page > 1 ? <Link href={pageLink(page - 1)} className="btn-secondary">Previous</Link> : null}
        {page < pages ? <Link href={pageLink(page + 1)} className="btn-secondary">Next</Link> : null}
      </nav>
    </div>
  );
}
