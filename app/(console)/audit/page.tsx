import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const { ctx, role } = await requireTeamWorkspace();
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
        title="Audit trail"
        description={
          manager
            ? "Everything done in this team, and its members' sign-ins. Append-only and tamper-evident."
            : "Your own actions and the team's deploys. Owners and admins see the whole trail."
        }
        actions={manager ? <VerifyChain /> : undefined}
      />
      <FilterBar parsed={parsed} actors={members.map((m) => m.email)} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">Times are UTC, newest first.</p>
        <div className="flex gap-2">
          <a className="btn-secondary" href={`/audit/export?${withFormat(query, "csv")}`} download>
            Export CSV
          </a>
          <a className="btn-secondary" href={`/audit/export?${withFormat(query, "json")}`} download>
            Export JSON
          </a>
        </div>
      </div>
      {page.events.length > 0 ? (
        <>
          <EventsTable events={page.events} />
          <Pager query={query} newer={page.newer} older={page.older} />
        </>
      ) : filtered ? (
        <EmptyState title="No events match these filters">Change or clear the filters to see more of the trail.</EmptyState>
      ) : (
        <EmptyState title="No events yet">Every change made in this team is recorded here, append-only and tamper-evident.</EmptyState>
      )}
    </div>
  );
}

function withFormat(query: URLSearchParams, format: "csv" | "json"): string {
  const q = new URLSearchParams(query);
  q.set("format", format);
  return q.toString();
}
