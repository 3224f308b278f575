import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PageHeader } from "@/app/_components/empty-state";
import { getAuditEvent, type AuditEventDetail } from "@/lib/server/audit-query";
import { AppError } from "@/lib/server/errors";
import { requireTeamWorkspace } from "@/lib/server/session";
import { place, target, utc } from "../format";
import { ManifestDiff, summaryDiff } from "./manifest-diff";

export const metadata: Metadata = { title: "Audit event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireTeamWorkspace();
  const { id } = await params;
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
        ← Audit trail
      </Link>
      <PageHeader
        title={`${event.action} — event ${event.id}`}
        description={`${utc(event.createdAt)} by ${event.actorEmail || "the system"}`}
        actions={
          deploymentId ? (
            <Link href={`/deployments/${deploymentId}`} className="btn-secondary">
              Open deployment
            </Link>
          ) : undefined
        }
      />
      <section className="card p-4" aria-labelledby="fields-h">
        <h2 id="fields-h" className="mb-3 text-sm font-semibold">
          Event
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">{fields(event)}</dl>
      </section>
      {summary.detailsHidden === true ? (
        <p className="card p-4 text-sm text-slate-600" data-testid="details-hidden">
          This deployment was made from a template you cannot see: its diff, template and messages are shown only to the person who
          deployed it and to team owners and admins.
        </p>
      ) : null}
      {diff !== null ? (
        <section className="card p-4" aria-labelledby="diff-h">
          <h2 id="diff-h" className="mb-3 text-sm font-semibold">
            Manifest diff
          </h2>
          <ManifestDiff diff={diff} />
        </section>
      ) : null}
      <section className="card p-4" aria-labelledby="summary-h">
        <h2 id="summary-h" className="mb-3 text-sm font-semibold">
          Summary
        </h2>
        <pre data-testid="event-summary" className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
          {JSON.stringify(event.summary, null, 2)}
        </pre>
      </section>
    </div>
  );
}

function fields(e: AuditEventDetail): ReactNode {
  const rows: [string, ReactNode][] = [
    ["Time", utc(e.createdAt)],
    ["Actor", e.actorEmail ? `${e.actorEmail}${e.actorId ? ` (${e.actorId})` : ""}` : "—"],
    ["Action", <code key="a">{e.action}</code>],
    ["Result", e.reason ? `${e.result}: ${e.reason}` : e.result],
    ["Target", target(e) || "—"],
    ["Target id", e.targetId || "—"],
    ["Cluster / namespace", place(e) || "—"],
    ["Cluster id", e.clusterId ?? "—"],
    ["IP address", e.ip || "—"],
    ["User agent", e.userAgent || "—"],
    ["Request id", e.requestId || "—"],
    ["Chain", e.chainKey === "global" ? "global (sign-ins)" : `team ${e.chainKey}`],
    ["Hash", <code key="h" className="break-all text-xs">{e.hash}</code>],
    ["Previous hash", <code key="p" className="break-all text-xs">{e.prevHash}</code>],
  ];
  return rows.map(([label, value]) => (
    <div key={label} className="contents">
      <dt className="font-medium text-slate-500">{label}</dt>
      <dd className="break-words">{value}</dd>
    </div>
  ));
}
