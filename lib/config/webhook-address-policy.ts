import { BUILT_IN_DENY, matchesAddress, matchesName, parseRules, type Rules } from "./cluster-address-policy";

// Where an outgoing webhook may make Berth connect. A webhook URL is typed by a team owner or
// admin, so it is hostile input aimed at Berth's own network (SSRF): decided on the address the
// socket actually connects to (after DNS, at connect time: lib/server/webhook-send.ts), like
// cluster addresses (cluster-address-policy.ts), but stricter by default:
// - never link-local / cloud metadata (the cluster policy's built-in list);
// - loopback, private, shared (CGNAT), unique-local and multicast addresses (IPv4-mapped IPv6
//   forms too: node:net BlockList matches ::ffff:a.b.c.d against IPv4 rules)
//   only when the operator lists them in BERTH_WEBHOOK_ALLOW (a chat server on the LAN, tests);
// - everything else (public addresses) is allowed.
export const WEBHOOK_PRIVATE = [
  "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
  "fc00::/7", "224.0.0.0/4", "ff00::/8", "240.0.0.0/4", "64:ff9b::/96", "localhost",
];

export type WebhookAddressPolicy = { never: Rules; private: Rules; allow: Rules };

export function parseWebhookAddressPolicy(allow: string | undefined): WebhookAddressPolicy {
  const parsed = [parseRules(BUILT_IN_DENY.join(",")), parseRules(WEBHOOK_PRIVATE.join(",")), parseRules(allow ?? "")];
  const errors = parsed.flatMap((p) => p.errors);
  if (errors.length) throw new Error(errors.join("; "));
  return { never: parsed[0].rules, private: parsed[1].rules, allow: parsed[2].rules };
}

const clean = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");

/** A refusal decided by the host name alone (before DNS), or null. */
export function webhookHostRefusal(policy: WebhookAddressPolicy, host: string): string | null {
  const name = clean(host);
  if (matchesName(policy.never, name)) return `Berth does not send webhooks to ${name}: link-local and cloud metadata addresses are refused.`;
  if (matchesName(policy.private, name) && !matchesName(policy.allow, name)) return `Berth does not send webhooks to ${name}: a local name (allow it with BERTH_WEBHOOK_ALLOW).`;
  return null;
}

/** Why Berth may not connect to `address` (what `host` resolved to) for a webhook — or null. */
export function webhookAddressRefusal(policy: WebhookAddressPolicy, host: string, address: string): string | null {
  const name = clean(host);
  const where = name === address ? address : `${name} (${address})`;
  if (matchesName(policy.never, name) || matchesAddress(policy.never, address)) return `Berth does not send webhooks to ${where}: link-local and cloud metadata addresses are refused.`;
  if (matchesAddress(policy.private, address) && !matchesName(policy.allow, name) && !matchesAddress(policy.allow, address)) {
    return `Berth does not send webhooks to ${where}: a loopback or private address (an operator can allow it with BERTH_WEBHOOK_ALLOW).`;
  }
  return null;
}
