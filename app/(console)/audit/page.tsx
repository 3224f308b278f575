import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { roleAllows } from "@/lib/auth/roles";
import { filterToParams, parseReviewFilter } from "@/lib/audit/review-filter";
import { decodeCursor } from "@/lib/audit/review-sql";
import { listAuditEvents } from "@/lib/server/audit-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { listMembers } from "@/lib/server/teams";
import { EventsTable, Pager } from "./events-table";
import { FilterBar } from "./filter-bar";
import { VerifyChain } from "./verify-chain";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const [{ ctx, role }, t] = await Promise.all([requireTeamWorkspace(), getTranslations("audit")]);
  const params = await searchParams;
  const parsed = parseReviewFilter(params);
  const one = (key: string) => (Array.isArray(params[key]) ? params[key][0] : params[key]);
  const [page, members] = await Promise.all([
    listAuditEvents(ctx, parsed.filter, { before: decodeCursor(one("before")), after: decodeCursor(one("after")) }),
    listMembers(ctx),
  ]);
  const query = filterToParams(parsed.filter);
  const filtered = query.size > 0;
  const manager = roleAllows(role, "audit.read.team");
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={manager ? t("descManager") : t("descMember")}
        actions={manager ? <VerifyChain /> : undefined}
      />
      <FilterBar parsed={parsed} actors={members.map((m) => m.email)} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">{t("timesNote")}</p>
        <div className="flex gap-2">
          <a className="btn-secondary" href={`/audit/export?${withFormat(query, "csv")}`} download>
            {t("exportCsv")}
          </a>
          <a className="btn-secondary" href={`/audit/export?${withFormat(query, "json")}`} download>
            {t("exportJson")}
          </a>
        </div>
      </div>
      {page.events.length > 0 ? (
        <>
          <EventsTable events={page.events} />
          <Pager query={query} newer={page.newer} older={page.older} />
        </>
      ) : filtered ? (
        <EmptyState title={t("noMatch")}>{t("noMatchHint")}</EmptyState>
      ) : (
        <EmptyState title={t("noEvents")}>{t("noEventsHint")}</EmptyState>
      )}
    </div>
  );
}

function withFormat(query: URLSearchParams, format: "csv" | "json"): string {
  const q = new URLSearchParams(query);
  q.set("format", format);
  return q.toString();
}
