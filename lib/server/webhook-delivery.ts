import "server-only";
import { webhookBody, type WebhookFormat, type WebhookPayload } from "@/lib/approvals/webhook-events";
import { decryptSecret } from "./crypto";
import { db } from "./db";
import { countWebhookDelivery } from "./observability/metrics";
import { secretContext } from "./webhooks";
import { SIGNATURE_HEADER, sendWebhook, signature } from "./webhook-send";

// The outbox's read side, run by every instance (background.ts) without duplicating work: a batch
// of due deliveries is claimed in one statement — rows locked with FOR UPDATE SKIP LOCKED, so two
// instances never claim the same row, and leased for LEASE_MS, so a row being sent is not due for
// anyone else even after the claiming transaction ended. Sending happens outside any transaction;
// the outcome is written back only by the lease holder (attempt number checked).
export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const BATCH = 20;

/** Wait before attempt n+1 after n failed ones: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, failedAttempts - 1));
}

type Claimed = { id: string; webhookId: string; teamId: string; event: string; payload: unknown; attempts: number };

async function claimDue(now: Date): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db().$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d SET "leaseUntil" = ${leaseUntil}, attempts = d.attempts + 1
    WHERE d.id IN (
      SELECT id FROM "WebhookDelivery"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
      ORDER BY "nextAttemptAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."webhookId", d."teamId", d.event, d.payload, d.attempts`;
}

export type DeliveryCounts = { delivered: number; retried: number; failed: number };

/** Delivers what is due now (one batch); returns what happened. `now` is injectable for tests. */
export async function deliverDueWebhooks(now: Date = new Date()): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
  const batch = await claimDue(now);
  await Promise.all(
    batch.map(async (d) => {
      const hook = await db().webhook.findUnique({ where: { id: d.webhookId } });
      if (!hook) return; // deleted since: its deliveries went with it (cascade)
      const format: WebhookFormat = hook.format === "slack" ? "slack" : "json";
      const body = webhookBody(format, d.payload as WebhookPayload);
      let secret = "";
      try {
        secret = decryptSecret(hook.secretCipher, secretContext(hook.teamId, hook.id));
      } catch {
        await finish(d, { ok: false, statusCode: null, error: "the signing secret cannot be opened (was the encryption key changed?)" }, now, true);
        counts.failed++;
        return;
      }
      const started = performance.now();
      const result = await sendWebhook(hook.url, body, { [SIGNATURE_HEADER]: signature(secret, body, new Date()), "x-berth-event": d.event, "x-berth-delivery": d.id });
      countWebhookDelivery(result.ok ? "delivered" : result.refused ? "refused" : "failed", (performance.now() - started) / 1000);
      const outcome = await finish(d, result, now, false);
      counts[outcome === "delivered" ? "delivered" : outcome === "failed" ? "failed" : "retried"]++;
    }),
  );
  return counts;
}

async function finish(d: Claimed, r: { ok: boolean; statusCode: number | null; error: string }, now: Date, final: boolean): Promise<"delivered" | "retry" | "failed"> {
  const outcome = r.ok ? "delivered" : final || d.attempts >= MAX_ATTEMPTS ? "failed" : "retry";
  const data =
    outcome === "delivered"
      ? { status: "delivered", deliveredAt: new Date(), lastStatusCode: r.statusCode, lastError: "", leaseUntil: null }
      : outcome === "failed"
        ? { status: "failed", lastStatusCode: r.statusCode, lastError: r.error, leaseUntil: null }
        : { nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts)), lastStatusCode: r.statusCode, lastError: r.error, leaseUntil: null };
  // Only the holder of this attempt writes its outcome.
  await db().webhookDelivery.updateMany({ where: { id: d.id, attempts: d.attempts, status: "pending" }, data });
  return outcome;
}
