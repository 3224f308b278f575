import "server-only";
import { expireDueRequests, settleInterruptedRequests } from "./deploy-requests";
import { env } from "./env";
import { startPeriodic } from "./periodic";
import { deliverDueWebhooks } from "./webhook-delivery";

// Periodic work every instance runs (started once per process by instrumentation.ts): deliver due
// webhooks, expire deploy requests, settle requests an instance left `applying`. Nothing is decided
// in memory: the outbox claim (SKIP LOCKED + lease) and the conditional updates make concurrent
// instances share the work without doing any of it twice.
const TICK_MS = 5_000;

export function startBackgroundWork(): void {
  if (!env().BERTH_BACKGROUND_WORK) return;
  startPeriodic("background", TICK_MS, async () => {
    await Promise.all([deliverDueWebhooks(), expireDueRequests(), settleInterruptedRequests()]);
  });
}
