import "server-only";
import { msg } from "@/lib/i18n/message";
import { randomBytes } from "node:crypto";
import { maskedUrl, MAX_WEBHOOKS_PER_TEAM, type WebhookInput } from "@/lib/approvals/webhook-input";
import type { WebhookEvent, WebhookFormat } from "@/lib/approvals/webhook-events";
import { recordAudit } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { encryptSecret } from "./crypto";
import { db } from "./db";
import { conflict, notFound } from "./errors";

// A team's outgoing webhooks (owners/admins): URL, events, body format, and a signing secret
// shown once at creation (stored encrypted; receivers verify X-Berth-Signature with it). The
// console shows a URL's origin only: a chat service's webhook path is itself a secret.
export type DeliveryView = { id: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string; createdAt: Date; deliveredAt: Date | null; nextAttemptAt: Date };
export type WebhookView = { id: string; url: string; format: WebhookFormat; events: WebhookEvent[]; createdAt: Date; deliveries: DeliveryView[] };

/** Associated data of a webhook's encrypted secret: a secret copied to another team's row does not open. */
export const secretContext = (teamId: string, webhookId: string) => `webhook:${teamId}:${webhookId}`;

export async function listWebhooks(ctx: Ctx): Promise<WebhookView[]> {
  await authorize(ctx, "webhook.manage");
  const rows = await db().webhook.findMany({
    where: { teamId: ctx.teamId },
    orderBy: { createdAt: "asc" },
    include: { deliveries: { orderBy: { createdAt: "desc" }, take: 20 } },
  });
  return rows.map((w) => ({
    id: w.id,
    url: maskedUrl(w.url),
    format: w.format === "slack" ? "slack" : "json",
    events: w.events as WebhookEvent[],
    createdAt: w.createdAt,
    deliveries: w.deliveries.map((d) => ({ id: d.id, event: d.event, status: d.status, attempts: d.attempts, lastStatusCode: d.lastStatusCode, lastError: d.lastError, createdAt: d.createdAt, deliveredAt: d.deliveredAt, nextAttemptAt: d.nextAttemptAt })),
  }));
}

/** Creates a webhook; returns its id and the signing secret (shown once, never again). */
export async function createWebhook(ctx: Ctx, input: WebhookInput): Promise<{ id: string; secret: string }> {
  const actor = await authorize(ctx, "webhook.manage", { what: "create a webhook" });
  const secret = randomBytes(32).toString("hex");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Team" WHERE id = ${ctx.teamId} FOR UPDATE`;
    if ((await tx.webhook.count({ where: { teamId: ctx.teamId } })) >= MAX_WEBHOOKS_PER_TEAM) throw conflict(msg("serverErrors.webhooks.tooMany", { max: MAX_WEBHOOKS_PER_TEAM }));
    const row = await tx.webhook.create({ data: { teamId: ctx.teamId, url: input.url, format: input.format, events: [...new Set(input.events)], secretCipher: new Uint8Array(0), createdById: actor.userId } });
    await tx.webhook.update({ where: { id: row.id }, data: { secretCipher: new Uint8Array(encryptSecret(secret, secretContext(ctx.teamId, row.id))) } });
    await audit(tx, actor, row.id, "webhook.create", { url: maskedUrl(input.url), format: input.format, events: input.events });
    return { id: row.id, secret };
  });
}

export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  const actor = await authorize(ctx, "webhook.manage", { what: "delete a webhook", targetId: id });
  await db().$transaction(async (tx) => {
    const row = await tx.webhook.findFirst({ where: { id, teamId: ctx.teamId } });
    if (!row) throw notFound(msg("serverErrors.what.webhook"));
    await tx.webhook.delete({ where: { id } });
    await audit(tx, actor, id, "webhook.delete", { url: maskedUrl(row.url) });
  });
}

function audit(tx: Parameters<typeof recordAudit>[0], actor: Actor, id: string, action: "webhook.create" | "webhook.delete", summary: Record<string, unknown>) {
  return recordAudit(tx, { action, actor: { id: actor.userId, email: actor.email }, teamId: actor.teamId, target: { type: "webhook", id, name: String(summary.url) }, summary });
}
