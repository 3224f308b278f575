import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/i18n/format";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { templateDeploymentCounts } from "@/lib/server/deployments-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { templatesRunningOn } from "@/lib/server/applications";
import { listTemplates } from "@/lib/server/templates";
import { HistoryLine, RunsOnList } from "./deployment-state";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("templates"))("title") };
}

type Query = { q?: string; owner?: string; visibility?: string; archived?: string; page?: string };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const { ctx, role } = await requireTeamWorkspace();
  const [t, locale] = await Promise.all([getTranslations("templates"), getLocale()]);
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
        {t("import")}
      </Link>
      <Link href="/templates/new" className="btn-primary">
        {t("new")}
      </Link>
    </>
  ) : undefined;

  if (result.total === 0 && !filtered) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <EmptyState title={t("emptyTitle")} action={actions ? <div className="flex gap-2">{actions}</div> : undefined}>
          {t("emptyHelp")}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} actions={actions} />
      <form method="get" className="card flex flex-wrap items-end gap-3 p-3" role="search" aria-label={t("filter")}>
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="label">
            {t("search")}
          </label>
          <input id="q" name="q" defaultValue={filters.q} placeholder={t("searchPlaceholder")} className="input" />
        </div>
        <FilterSelect id="owner" label={t("owner")} value={filters.owner} options={[["all", t("anyone")], ["me", t("me")]]} />
        <FilterSelect id="visibility" label={t("visibility")} value={filters.visibility} options={[["all", t("all")], ["team", t("shared")], ["private", t("private")]]} />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived} className="h-4 w-4" /> {t("archivedFilter")}
        </label>
        <button type="submit" className="btn-secondary">
          {t("apply")}
        </button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState title={t("noMatch")}>{t("noMatchHelp")}</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th>{t("cols.name")}</th>
                <th>{t("visibility")}</th>
                <th>{t("cols.latest")}</th>
                <th>{t("owner")}</th>
                <th>{t("cols.changed")}</th>
                <th>{t("cols.runsOn")}</th>
                <th>{t("cols.history")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((tpl) => (
                <tr key={tpl.id}>
                  <td>
                    <Link href={`/templates/${tpl.id}`} className="font-medium text-brand-700 hover:underline">
                      {tpl.name}
                    </Link>
                    {tpl.archived ? <span className="badge ml-2 bg-amber-100 text-amber-900">{t("archived")}</span> : null}
                    <div className="mt-0.5 flex flex-wrap gap-1">
                      {tpl.labels.map((l) => (
                        <span key={l} className="badge bg-slate-100 text-slate-600">
                          {l}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td>{tpl.visibility === "team" ? t("team") : t("private")}</td>
                  <td className="whitespace-nowrap">{t("latestLine", { version: tpl.latestVersion, author: tpl.latestAuthor })}</td>
                  <td>{tpl.owner.name}</td>
                  <td className="whitespace-nowrap">{formatDateTime(locale, tpl.updatedAt, "minute")}</td>
                  <td className="text-xs" data-testid="runs-on">
                    <RunsOnList apps={runsOn.get(tpl.id)} limit={3} />
                  </td>
                  <td className="text-xs text-slate-600" data-testid="deployment-history">
                    <HistoryLine counts={counts.get(tpl.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 ? (
        <nav aria-label={t("pages")} className="flex items-center justify-between text-sm">
          {result.page > 1 ? <Link href={pageHref(result.page - 1)} className="btn-secondary">{t("previous")}</Link> : <span />}
          <span>{t("pageOf", { page: result.page, pages: result.pageCount, total: result.total })}</span>
          {result.page < result.pageCount ? <Link href={pageHref(result.page + 1)} className="btn-secondary">{t("next")}</Link> : <span />}
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
