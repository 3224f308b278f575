import "server-only";
import { randomUUID } from "node:crypto";
import type { WebhookEvent, WebhookPayload } from "@/lib/approvals/webhook-events";
import type { Tx } from "./db";
import { env } from "./env";

// The outbox's write side: an event becomes one delivery row per subscribed webhook, inside the
// transaction of the change it reports (no event for a change that rolled back, no change without
// its event). Delivery is webhook-delivery.ts, run by every instance.
export type EventFacts = Omit<WebhookPayload, "event" | "id" | "occurredAt" | "url"> & { link?: string };

export async function enqueueWebhookEvent(tx: Tx, teamId: string, event: WebhookEvent, facts: EventFacts): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { teamId, events: { has: event } }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const base = env().AUTH_URL?.replace(/\/+$/, "");
  const { link, ...rest } = facts;
  const payload: WebhookPayload = { event, id: randomUUID(), occurredAt: new Date().toISOString(), ...rest, url: base && link ? `${base}${link}` : null };
  await tx.webhookDelivery.createMany({ data: hooks.map((h) => ({ webhookId: h.id, teamId, event, payload: payload as object })) });
  return hooks.length;
}
