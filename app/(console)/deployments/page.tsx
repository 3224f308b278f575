import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { FilterSelect, FilterText } from "@/app/_components/filter-fields";
import { historyFilterSchema, STATUSES } from "@/lib/server/deployments-input";
import { historyFilterOptions, listDeployments } from "@/lib/server/deployments-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeploymentStatusBadge } from "@/app/_components/deployment-status";
import { duration, when } from "./format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deployments.list"))("title") };
}

type Search = Record<string, string | undefined>;

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTeamWorkspace();
  const [t, tx, locale] = await Promise.all([getTranslations("deployments.list"), getTranslations("deployments"), getLocale()]);
  const raw = await searchParams;
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = historyFilterSchema.safeParse(clean);
  const filter = parsed.success ? parsed.data : historyFilterSchema.parse({});
  const [{ items, total, page, pages }, options] = await Promise.all([listDeployments(ctx, filter), historyFilterOptions(ctx)]);
  const pageLink = (p: number) => `/deployments?${new URLSearchParams({ ...clean, page: String(p) } as Record<string, string>).toString()}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<Link href="/deployments/new" className="btn-primary">{t("new")}</Link>}
      />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" aria-label={t("filter")}>
        <FilterSelect name="clusterId" label={t("cluster")} value={filter.clusterId} options={options.clusters.map((c) => [c.id, c.name])} />
        <FilterText name="namespace" label={t("namespace")} value={filter.namespace} />
        <FilterText name="app" label={t("app")} value={filter.app} />
        <FilterSelect name="templateId" label={t("template")} value={filter.templateId} options={options.templates.map((t) => [t.id, t.name])} />
        <FilterSelect name="status" label={t("status")} value={filter.status} options={STATUSES.map((s) => [s, tx(`status.${s}`)])} />
        <FilterSelect name="actorId" label={t("by")} value={filter.actorId} options={options.actors.map((a) => [a.id, a.name])} />
        <button type="submit" className="btn-secondary">{t("filterButton")}</button>
        <Link href="/deployments" className="text-sm text-slate-600 underline">{t("clear")}</Link>
      </form>
      {items.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyHelp")}</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table" aria-label={t("table")}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t("cols.when")}</th>
                <th>{t("cols.what")}</th>
                <th>{t("cols.app")}</th>
                <th>{t("cols.where")}</th>
                <th>{t("cols.template")}</th>
                <th>{t("cols.by")}</th>
                <th>{t("cols.result")}</th>
                <th>{t("cols.duration")}</th>
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
                      {when(d.startedAt, locale)}
                    </Link>
                  </td>
                  <td>
                    {tx(`kind.${d.kind as "deploy" | "redeploy" | "undeploy"}`)}
                    {d.replayOf ? t("replayOf", { kind: d.kind, number: d.replayOf.number }) : ""}
                    {d.live ? <span className="badge ml-1 bg-green-100 text-green-800" title={t("liveTitle")}>{t("live")}</span> : null}
                  </td>
                  <td className="font-mono text-xs">{d.appName}</td>
                  <td>
                    {d.cluster.removed ? tx("removed", { cluster: d.cluster.name }) : d.cluster.name} / {d.namespace}
                  </td>
                  <td>{d.detailsHidden ? tx("privateTemplate") : d.template ? tx("templateVersion", { name: d.template.name, version: d.template.version ?? "?" }) : "—"}</td>
                  <td>{d.actor.name}</td>
                  <td>
                    <DeploymentStatusBadge status={d.status} />{d.stale ? <span className="ml-1 text-xs text-red-700">{tx("stale")}</span> : null}
                  </td>
                  <td>{duration(d.durationMs, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pagesLabel")} className="flex items-center gap-3 text-sm">
        <span>{t("pages", { total, page, pages })}</span>
        {page > 1 ? <Link href={pageLink(page - 1)} className="btn-secondary">{t("previous")}</Link> : null}
        {page < pages ? <Link href={pageLink(page + 1)} className="btn-secondary">{t("next")}</Link> : null}
      </nav>
    </div>
  );
}
