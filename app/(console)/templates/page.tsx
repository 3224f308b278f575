import { utcTime } from "@/app/_components/format-time";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { templateDeploymentCounts } from "@/lib/server/deployments-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { templatesRunningOn } from "@/lib/server/applications";
import { listTemplates } from "@/lib/server/templates";
import { historyLine, RunsOnList } from "./deployment-state";

export const metadata: Metadata = { title: "Templates" };

type Query = { q?: string; owner?: string; visibility?: string; archived?: string; page?: string };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const { ctx, role } = await requireTeamWorkspace();
  const filters = {
    q: query.q ?? "",
    owner: query.owner === "me" ? ("me" as const) : ("all" as const),
    visibility: query.visibility === "private" || query.visibility === "team" ? (query.visibility as "private" | "team") : ("all" as const),
    archived: query.archived === "1",
  };
  const result = await listTemplates(ctx, { ...filters, page: Number(query.page) || 1 });
  const [runsOn, counts] = await Promise.all([templatesRunningOn(ctx, result.items.map((t) => t.id)), templateDeploymentCounts(ctx, result.items.map((t) => t.id))]);
  const canWrite = roleAllows(role, "template.write");
  const filtered = filters.q !== "" || filters.owner !== "all" || filters.visibility !== "all" || filters.archived;
  const pageHref = (page: number) => `/templates?${new URLSearchParams({ ...(query as Record<string, string>), page: String(page) })}`;
  const actions = canWrite ? (
    <>
      <Link href="/templates/import" className="btn-secondary">
        Import YAML
      </Link>
      <Link href="/templates/new" className="btn-primary">
        New application
      </Link>
    </>
  ) : undefined;

  if (result.total === 0 && !filtered) {
    return (
      <div>
        <PageHeader title="Templates" />
        <EmptyState title="No templates yet" action={actions ? <div className="flex gap-2">{actions}</div> : undefined}>
          A template is an application you build once in the three-step wizard (basic information, containers, advanced) and deploy many times. Create your first one to get started.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <PageHeader title="Templates" description="Applications saved as versioned templates: yours and the ones your team shares." actions={actions} />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" role="search" aria-label="Filter templates">
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="label">
            Search
          </label>
          <input id="q" name="q" defaultValue={filters.q} placeholder="Name or label" className="input" />
        </div>
        <FilterSelect id="owner" label="Owner" value={filters.owner} options={[["all", "Anyone"], ["me", "Me"]]} />
        <FilterSelect id="visibility" label="Visibility" value={filters.visibility} options={[["all", "All"], ["team", "Shared with the team"], ["private", "Private"]]} />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived} className="h-4 w-4" /> Archived
        </label>
        <button type="submit" className="btn-secondary">
          Apply
        </button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState title="No template matches">Try another search, or clear the filters.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">Templates, most recently changed first</caption>
            <thead>
              <tr>
                <th>Name</th>
                <th>Visibility</th>
                <th>Latest</th>
                <th>Owner</th>
                <th>Changed</th>
                <th>Runs on</th>
                <th>Deployment history</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link href={`/templates/${t.id}`} className="font-medium text-brand-700 hover:underline">
                      {t.name}
                    </Link>
                    {t.archived ? <span className="badge ml-2 bg-amber-100 text-amber-900">archived</span> : null}
                    <div className="mt-0.5 flex flex-wrap gap-1">
                      {t.labels.map((l) => (
                        <span key={l} className="badge bg-slate-100 text-slate-600">
                          {l}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td>{t.visibility === "team" ? "Team" : "Private"}</td>
                  <td className="whitespace-nowrap">{`v${t.latestVersion} by ${t.latestAuthor}`}</td>
                  <td>{t.owner.name}</td>
                  <td className="whitespace-nowrap">{utcTime(t.updatedAt, "minute")}</td>
                  <td className="text-xs" data-testid="runs-on">
                    <RunsOnList apps={runsOn.get(t.id)} limit={3} />
                  </td>
                  <td className="text-xs text-slate-600" data-testid="deployment-history">
                    {historyLine(counts.get(t.id))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {result.page > 1 ? <Link href={pageHref(result.page - 1)} className="btn-secondary">Previous</Link> : <span />}
          <span>{`Page ${result.page} of ${result.pageCount} (${result.total} templates)`}</span>
          {result.page < result.pageCount ? <Link href={pageHref(result.page + 1)} className="btn-secondary">Next</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}

function FilterSelect({ id, label, value, options }: { id: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={`filter-${id}`} className="label">
        {label}
      </label>
      <select id={`filter-${id}`} name={id} defaultValue={value} className="input w-auto">
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
