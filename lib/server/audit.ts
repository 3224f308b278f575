import "server-only";
import { metrics } from "./observability/metrics";
import type { AuditAction } from "@/lib/audit/actions";
import { GENESIS_HASH, hashEvent, type ChainedContent } from "@/lib/audit/hash-chain";
import { redactSummary } from "@/lib/audit/redact";
import { db, type Tx } from "./db";
import { currentAttribution } from "./audit-attribution";
import { AppError } from "./errors";
import { requestContext, type RequestContext } from "./request-context";
import { storableDeep } from "./unicode";

// The one audit module every mutation calls, inside the same transaction as the change it
// records (recordAudit), or on its own when there is no change to join (recordAuditAlone:
// sign-in failures, denied attempts, failed mutations whose transaction rolled back).
export type AuditInput = {
  action: AuditAction;
  actor?: { id: string; email: string } | null;
  teamId?: string | null;
  target?: { type: string; id: string; name?: string };
  cluster?: { id: string; name: string } | null;
  namespace?: string;
  summary?: Record<string, unknown>;
  result?: "success" | "failure";
  reason?: string;
  context?: RequestContext;
};

export async function recordAudit(tx: Tx, input: AuditInput): Promise<bigint> {
  const context = input.context ?? (await requestContext());
  const chainKey = input.teamId ?? "global";
  // Serialize writers of one chain so each event links to the one committed before it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"audit:" + chainKey}, 0))`;
  const last = await tx.auditEvent.findFirst({ where: { chainKey }, orderBy: { id: "desc" }, select: { hash: true } });
  // Done through an API token: the event names it (`via`: the key must not look like a secret's, see redact.ts).
  const via = currentAttribution();
  // Refused attempts carry what the caller sent (target ids, names): stored as storable text, never a crash.
  const content: ChainedContent = storableDeep({
    chainKey,
    teamId: input.teamId ?? null,
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? "",
    action: input.action,
    targetType: input.target?.type ?? "",
    targetId: input.target?.id ?? "",
    targetName: input.target?.name ?? "",
    clusterId: input.cluster?.id ?? null,
    clusterName: input.cluster?.name ?? "",
    namespace: input.namespace ?? "",
    summary: redactSummary(via ? { ...input.summary, via } : (input.summary ?? {})),
    result: input.result ?? "success",
    reason: (input.reason ?? "").slice(0, 2000),
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    createdAt: new Date(),
    prevHash: last?.hash ?? GENESIS_HASH,
  });
  const row = await tx.auditEvent.create({
    data: { ...content, summary: content.summary as object, hash: hashEvent(content) },
    select: { id: true },
  });
  // Counted once inserted; a transaction that rolls back afterwards still counted it.
  metrics().auditEvents.inc({ action: content.action, result: content.result });
  return row.id;
}

export async function recordAuditAlone(input: AuditInput): Promise<bigint> {
  const context = input.context ?? (await requestContext());
  return db().$transaction((tx) => recordAudit(tx, { ...input, context }));
}

const REFUSALS: ReadonlySet<AppError["code"]> = new Set(["invalid", "forbidden", "conflict"]);

/**
 * Records a refused attempt on its own, after the transaction that refused it rolled back: the
 * data layer threw an AppError saying no (invalid, forbidden, conflict). Anything else (not found,
 * a crash) is not a refusal and records nothing. Use: `catch (e) { await recordRefusal(e, {…}); throw e; }`.
 */
export async function recordRefusal(error: unknown, input: Omit<AuditInput, "result" | "reason">): Promise<void> {
  if (!(error instanceof AppError) || !REFUSALS.has(error.code)) return;
  await recordAuditAlone({ ...input, summary: { ...input.summary, refused: error.code }, result: "failure", reason: error.message });
}
