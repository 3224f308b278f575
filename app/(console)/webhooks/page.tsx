import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { EventKey } from "@/lib/approvals/webhook-events";
import { EmptyState, PageHeader } from "@/app/_components/empty-state";
import { utcTime } from "@/app/_components/format-time";
import { roleAllows } from "@/lib/auth/roles";
import { listWebhooks } from "@/lib/server/webhooks";
import { requireTeamWorkspace } from "@/lib/server/session";
import { DeleteWebhookForm, WebhookForm } from "./webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

// Outgoing notifications of deploy requests and break-glass deploys: owners and admins add a URL
// and the events it gets; each delivery is listed with its status, attempts and last answer.
export default async function WebhooksPage() {
  const { ctx, role } = await requireTeamWorkspace();
  const t = await getTranslations("webhooks");
  if (!roleAllows(role, "webhook.manage")) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("title")} />
        <EmptyState title={t("managersOnly")}>{t("managersOnlyHint")}</EmptyState>
      </div>
    );
  }
  const hooks = await listWebhooks(ctx);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <section className="card p-4" aria-labelledby="new-hook-h">
        <h2 id="new-hook-h" className="mb-3 text-sm font-semibold">{t("add")}</h2>
        <WebhookForm />
      </section>
      {hooks.length === 0 ? <EmptyState title={t("none")}>{t("noneHint")}</EmptyState> : null}
      {hooks.map((h) => (
        <section key={h.id} className="card space-y-2 p-4" aria-label={t("webhookLabel", { url: h.url })} data-testid="webhook">
          <header className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm">
              <code>{h.url}</code> · {h.format === "slack" ? t("slack") : t("json")} · {h.events.map((e) => t(`event.${e.replace(".", "_") as EventKey}`)).join(", ")}
            </p>
            <DeleteWebhookForm id={h.id} />
          </header>
          {h.deliveries.length === 0 ? <p className="text-sm text-slate-500">{t("noDeliveries")}</p> : (
            <table className="data-table" aria-label={t("deliveries")}>
              <thead>
                <tr><th>{t("col.event")}</th><th>{t("col.status")}</th><th>{t("col.attempts")}</th><th>{t("col.lastAnswer")}</th><th>{t("col.queued")}</th></tr>
              </thead>
              <tbody>
                {h.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{d.event}</td>
                    <td>
                      <span className={`badge ${d.status === "delivered" ? "bg-green-100 text-green-800" : d.status === "failed" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}>{d.status}</span>
                      {d.status === "pending" && d.attempts > 0 ? <span className="ml-1 text-xs text-slate-500">{t("nextTry", { at: utcTime(d.nextAttemptAt) })}</span> : null}
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
