import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { roleAllows } from "@/lib/auth/roles";
import { WEBHOOK_EVENT_LABELS } from "@/lib/approvals/webhook-events";
import { listWebhooks } from "@/lib/server/webhooks";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeleteWebhookForm, WebhookForm } from "./webhook-form";

export const metadata: Metadata = { title: "Webhooks" };

// Outgoing notifications of deploy requests and break-glass deploys: owners and admins add a URL
// and the events it gets; each delivery is listed with its status, attempts and last answer.
export default async function WebhooksPage() {
  const { ctx, role } = await requireTeamWorkspace();
  if (!roleAllows(role, "webhook.manage")) {
    return (
      <div className="space-y-6">
        <PageHeader title="Webhooks" />
        <EmptyState title="Owners and admins only">Ask a team owner or admin to set up notifications.</EmptyState>
      </div>
    );
  }
  const hooks = await listWebhooks(ctx);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Berth POSTs deploy-request and break-glass events to these URLs (generic JSON or a Slack-compatible body), signed with an HMAC-SHA256 header X-Berth-Signature: t=<unix time>,v1=<hex of HMAC(secret, t + '.' + body)>. Failed deliveries are retried with backoff."
      />
      <section className="card p-4" aria-labelledby="new-hook-h">
        <h2 id="new-hook-h" className="mb-3 text-sm font-semibold">Add a webhook</h2>
        <WebhookForm />
      </section>
      {hooks.length === 0 ? <EmptyState title="No webhooks">Add one to be told when deploys wait for approval, are applied, or break glass.</EmptyState> : null}
      {hooks.map((h) => (
        <section key={h.id} className="card space-y-2 p-4" aria-label={`Webhook ${h.url}`} data-testid="webhook">
          <header className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm">
              <code>{h.url}</code> · {h.format === "slack" ? "Slack-compatible" : "JSON"} · {h.events.map((e) => WEBHOOK_EVENT_LABELS[e] ?? e).join(", ")}
            </p>
            <DeleteWebhookForm id={h.id} />
          </header>
          {h.deliveries.length === 0 ? <p className="text-sm text-slate-500">No deliveries yet.</p> : (
            <table className="data-table" aria-label="Deliveries">
              <thead>
                <tr><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Queued</th></tr>
              </thead>
              <tbody>
                {h.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{d.event}</td>
                    <td>
                      <span className={`badge ${d.status === "delivered" ? "bg-green-100 text-green-800" : d.status === "failed" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}>{d.status}</span>
                      {d.status === "pending" && d.attempts > 0 ? <span className="ml-1 text-xs text-slate-500">next try {utcTime(d.nextAttemptAt)}</span> : null}
                    </td>
                    <td>{d.attempts}</td>
                    <td className="text-xs [overflow-wrap:anywhere]">{d.lastStatusCode ?? ""} {d.lastError}</td>
                    <td className="whitespace-nowrap text-xs">{utcTime(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
