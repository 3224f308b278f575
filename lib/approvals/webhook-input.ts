import { z } from "@/lib/zod";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "./webhook-events";

// The webhook form. The URL is hostile input: https (or http), at most 2048 characters, no user
// name or password in it, a host name or address and nothing else odd; where it may point is
// decided again at every connection (webhook-address-policy.ts), not here.
export const MAX_WEBHOOKS_PER_TEAM = 20;

export const webhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL Berth should send events to.")
  .max(2048, "Keep the URL under 2048 characters.")
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "This is not a URL." });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Use an https:// (or http://) URL." });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Do not put a user name or password in the URL." });
    if (!url.hostname) ctx.addIssue({ code: "custom", message: "The URL needs a host." });
  });

export const webhookInputSchema = z.object({
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS, "Choose a body format."),
  events: z.array(z.enum(WEBHOOK_EVENTS, "Unknown event.")).min(1, "Choose at least one event.").max(WEBHOOK_EVENTS.length),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

/** What the console shows of a stored URL: scheme, host and port; the path may hold a token (Slack's does). */
export function maskedUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname.length > 1 || url.search ? "/…" : "/"}`;
  } catch {
    return "(invalid URL)";
  }
}
