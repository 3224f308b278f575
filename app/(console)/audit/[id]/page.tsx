import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/empty-state";
import { getAuditEvent, type AuditEventDetail } from "@/lib/server/audit-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { formatDateTime } from "@/lib/i18n/format";
import { place, target } from "../format";
import { ManifestDiff, summaryDiff } from "./manifest-diff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("event.metaTitle") };
}

type EventT = Awaited<ReturnType<typeof getTranslations<"audit.event">>>;

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const { id } = await params;
  const [t, results, locale] = await Promise.all([getTranslations("audit.event"), getTranslations("audit.results"), getLocale()]);
  const event = await getAuditEvent(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const summary = (event.summary ?? {}) as Record<string, unknown>;
  const deploymentId = event.action.startsWith("deploy.") && typeof summary.deploymentId === "string" ? summary.deploymentId : null;
  const diff = summaryDiff(summary);
  return (
    <div className="space-y-6">
      <Link href="/audit" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <PageHeader
        title={t("heading", { action: event.action, id: event.id })}
        description={t("by", { time: formatDateTime(locale, event.createdAt), actor: event.actorEmail || t("theSystem") })}
        actions={
          deploymentId ? (
            <Link href={`/deployments/${deploymentId}`} className="btn-secondary">
              {t("openDeployment")}
            </Link>
          ) : undefined
        }
      />
      <section className="card p-4" aria-labelledby="fields-h">
        <h2 id="fields-h" className="mb-3 text-sm font-semibold">
          {t("fields")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">{fields(event, t, locale, results.has(event.result) ? results(event.result) : event.result)}</dl>
      </section>
      {summary.detailsHidden === true ? (
        <p className="card p-4 text-sm text-slate-600" data-testid="details-hidden">
          {t("detailsHidden")}
        </p>
      ) : null}
      {diff !== null ? (
        <section className="card p-4" aria-labelledby="diff-h">
          <h2 id="diff-h" className="mb-3 text-sm font-semibold">
            {t("diff")}
          </h2>
          <ManifestDiff diff={diff} />
        </section>
      ) : null}
      <section className="card p-4" aria-labelledby="summary-h">
        <h2 id="summary-h" className="mb-3 text-sm font-semibold">
          {t("summary")}
        </h2>
        <pre data-testid="event-summary" className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
          {JSON.stringify(event.summary, null, 2)}
        </pre>
      </section>
    </div>
  );
}

/** `result`: the event's result in the reader's words (its reason stays as it was recorded). */
function fields(e: AuditEventDetail, t: EventT, locale: string, result: string): ReactNode {
  const rows: [string, ReactNode][] = [
    [t("time"), formatDateTime(locale, e.createdAt)],
    [t("actor"), e.actorEmail ? `${e.actorEmail}${e.actorId ? ` (${e.actorId})` : ""}` : "—"],
    [t("action"), <code key="a">{e.action}</code>],
    [t("result"), e.reason ? t("resultWithReason", { result, reason: e.reason }) : result],
    [t("target"), target(e) || "—"],
    [t("targetId"), e.targetId || "—"],
    [t("place"), place(e) || "—"],
    [t("clusterId"), e.clusterId ?? "—"],
    [t("ip"), e.ip || "—"],
    [t("userAgent"), e.userAgent || "—"],
    [t("requestId"), e.requestId || "—"],
    [t("chain"), e.chainKey === "global" ? t("chainGlobal") : t("chainTeam", { key: e.chainKey })],
    [t("hash"), <code key="h" className="break-all text-xs">{e.hash}</code>],
    [t("prevHash"), <code key="p" className="break-all text-xs">{e.prevHash}</code>],
  ];
  return rows.map(([label, value]) => (
    <div key={label} className="contents">
      <dt className="font-medium text-slate-500">{label}</dt>
      <dd className="break-words">{value}</dd>
    </div>
  ));
}
