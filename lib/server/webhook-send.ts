import "server-only";
import { createHmac } from "node:crypto";
import { Agent, request, type Dispatcher } from "undici";
import { parseWebhookAddressPolicy, webhookAddressRefusal, webhookHostRefusal, type WebhookAddressPolicy } from "@/lib/config/webhook-address-policy";
import { env } from "./env";
import { guardedConnector } from "./k8s/guarded-dispatcher";

// One POST of a webhook body. The URL came from a person: the connection goes only where the
// webhook address policy allows (checked on the resolved address, at connect time), redirects are
// never followed (a 3xx is a failed attempt), every phase has a timeout, and at most 64 KiB of
// the answer is read (then dropped: Berth only keeps the status code).
export const SIGNATURE_HEADER = "x-berth-signature";
const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export class WebhookRefused extends Error {
  override name = "WebhookRefused";
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: receivers recompute it and check t is recent. */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

let dispatcher: { allow: string; agent: Dispatcher } | undefined;

/** The process's webhook agent (rebuilt when BERTH_WEBHOOK_ALLOW changes, as tests do). */
function webhookDispatcher(): Dispatcher {
  const allow = env().BERTH_WEBHOOK_ALLOW ?? "";
  if (dispatcher?.allow !== allow) {
    const policy: WebhookAddressPolicy = parseWebhookAddressPolicy(allow);
    const connect = guardedConnector({}, {
      host: (host) => webhookHostRefusal(policy, host),
      address: (host, address) => webhookAddressRefusal(policy, host, address),
      refused: (message) => new WebhookRefused(message),
    });
    dispatcher = { allow, agent: new Agent({ connect, connectTimeout: TIMEOUT_MS, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }) };
  }
  return dispatcher.agent;
}

/** `refused`: the address policy stopped the connection (nothing was sent). */
export type SendResult = { ok: boolean; statusCode: number | null; error: string; refused?: boolean };

export async function sendWebhook(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  try {
    const res = await request(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "Berth-Webhooks/1", ...headers },
      dispatcher: webhookDispatcher(),
      signal: AbortSignal.timeout(TIMEOUT_MS * 2),
    });
    await res.body.dump({ limit: MAX_ANSWER_BYTES }).catch(() => undefined);
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, statusCode: res.statusCode, error: "" };
    const redirect = res.statusCode >= 300 && res.statusCode < 400 ? " (a redirect: Berth does not follow redirects)" : "";
    return { ok: false, statusCode: res.statusCode, error: `answered ${res.statusCode}${redirect}` };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    return { ok: false, statusCode: null, error: (cause instanceof Error ? cause.message : String(cause)).slice(0, 500), refused: cause instanceof WebhookRefused || e instanceof WebhookRefused };
  }
}
