import "server-only";
import { expireDueRequests, settleInterruptedRequests } from "./deploy-requests";
import { env } from "./env";
import { deliverDueWebhooks } from "./webhook-delivery";

// Periodic work every instance runs (started once per process by instrumentation.ts): deliver due
// webhooks, expire deploy requests, settle requests an instance left `applying`. Nothing is decided
// in memory: the outbox claim (SKIP LOCKED + lease) and the conditional updates make concurrent
// instances share the work
// without doing any of it twice. The flag below only keeps one process from overlapping itself.
const TICK_MS = 5_000;
const globalForWork = globalThis as unknown as { berthBackground?: NodeJS.Timeout };

export function startBackgroundWork(): void {
  if (globalForWork.berthBackground || !env().BERTH_BACKGROUND_WORK) return;
  let running = false;
  globalForWork.berthBackground = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all([deliverDueWebhooks(), expireDueRequests(), settleInterruptedRequests()])
      .catch((e) => console.error("[berth] background work failed:", e instanceof Error ? e.message : e))
      .finally(() => (running = false));
  }, TICK_MS);
  globalForWork.berthBackground.unref();
}
