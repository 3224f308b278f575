// The events a team's webhooks can subscribe to, and the two body formats. Pure: the webhook
// form lists them, the outbox builds bodies with them.
export const WEBHOOK_EVENTS = ["request.created", "request.approved", "request.rejected", "request.applied", "request.failed", "break_glass"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** An event's key in the catalogues (`webhooks.event.*`): next-intl reads dots as nesting. */
export type EventKey = "request_created" | "request_approved" | "request_rejected" | "request_applied" | "request_failed" | "break_glass";

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** What every event carries (the generic JSON body is exactly this). */
export type WebhookPayload = {
  event: WebhookEvent;
  /** Unique per event: receivers de-duplicate retries with it. */
  id: string;
  occurredAt: string;
  team: string;
  actor: string;
  cluster: string;
  namespace: string;
  app: string;
  kind: string;
  requestId: string | null;
  deploymentId: string | null;
  reason: string;
  message: string;
  /** A link to the request or deployment when Berth knows its public URL (AUTH_URL). */
  url: string | null;
};

const VERBS: Record<WebhookEvent, string> = {
  "request.created": "requested",
  "request.approved": "approved",
  "request.rejected": "rejected",
  "request.applied": "applied",
  "request.failed": "failed to apply",
  break_glass: "BROKE GLASS for",
};

/** A Slack-compatible body (`text`, which Slack, Mattermost and Rocket.Chat incoming webhooks accept). */
export function slackBody(p: WebhookPayload): { text: string } {
  const what = `${p.kind} of *${esc(p.app)}* to ${esc(p.cluster)}/${esc(p.namespace)}`;
  const head = p.event === "break_glass" ? `:rotating_light: ${esc(p.actor)} ${VERBS[p.event]} a ${what}` : `${esc(p.actor)} ${VERBS[p.event]} the ${what}`;
  const lines = [head];
  if (p.reason) lines.push(`Reason: ${esc(p.reason)}`);
  if (p.message) lines.push(esc(p.message));
  if (p.url) lines.push(`<${p.url}|Open in Berth>`);
  return { text: lines.join("\n").slice(0, 3000) };
}

/** Slack's control characters in text: &, <, > (so a reason cannot inject links or mentions). */
function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function webhookBody(format: WebhookFormat, p: WebhookPayload): string {
  return JSON.stringify(format === "slack" ? slackBody(p) : p);
}
