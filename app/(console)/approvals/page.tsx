import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { listDeployRequests, type RequestFilter } from "@/lib/server/deploy-requests-query";
import { requireTeamWorkspace } from "@/lib/server/session";
import { RequestStatusBadge } from "@/app/_components/request-status";

export const metadata: Metadata = { title: "Approvals" };

const SCOPES: Array<[RequestFilter["scope"], string]> = [
  ["waiting", "Waiting for me"],
  ["mine", "My requests"],
  ["all", "All"],
];

// Deploy requests to protected clusters: those waiting for my decision first (the navigation
// badge counts them), my own, or every request I may see.
export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ scope?: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const { scope: raw } = await searchParams;
  const scope = SCOPES.find(([s]) => s === raw)?.[0] ?? "waiting";
  const requests = await listDeployRequests(ctx, { scope });
  return (
    <div className="space-y-6">
      <PageHeader title="Approvals" description="Deploys to protected clusters wait here until someone other than the requester approves them." />
      <nav aria-label="Which requests" className="flex gap-2">
        {SCOPES.map(([s, label]) => (
          <Link key={s} href={`/approvals?scope=${s}`} aria-current={s === scope ? "page" : undefined} className={s === scope ? "btn-primary" : "btn-secondary"}>
            {label}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? (
        <EmptyState title={scope === "waiting" ? "Nothing waits for you" : "No requests"}>Deploys to a protected cluster create a request here.</EmptyState>
      ) : (
        <table className="data-table" aria-label="Deploy requests">
          <thead>
            <tr>
              <th>Request</th>
              <th>Where</th>
              <th>Requested by</th>
              <th>Approvals</th>
              <th>Status</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-testid={`request-${r.appName}`}>
                <td>
                  <Link className="text-brand-700 underline" href={`/approvals/${r.id}`}>
                    {r.kind} {r.appName}
                  </Link>
                  {r.reason ? <p className="text-xs text-slate-500">{r.reason}</p> : null}
                </td>
                <td>
                  {r.cluster}/{r.namespace}
                </td>
                <td>{r.requester}</td>
                <td>
                  {r.approvals} of {r.required}
                </td>
                <td>
                  <RequestStatusBadge status={r.status} />
                  {r.waitingForMe ? <span className="badge ml-1 bg-amber-100 text-amber-900">your turn</span> : null}
                </td>
                <td className="whitespace-nowrap text-xs">{utcTime(r.expiresAt, "minute")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
