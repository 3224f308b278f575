import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { clientIp, HEADER_LIMITS, parseTrustedProxies, storedHeader } from "@/lib/config/client-ip";

export type RequestContext = { ip: string; userAgent: string; requestId: string };

/** Who is asking, for audit events and rate limits. Outside a request (scripts, tests) it is empty. */
export async function requestContext(): Promise<RequestContext> {
  try {
    const h = await headers();
    return fromHeaders(h);
  } catch {
    return { ip: "", userAgent: "", requestId: randomUUID() };
  }
}

/** The client's address per BERTH_TRUSTED_PROXIES (see lib/config/client-ip.ts); every stored header capped. */
export function fromHeaders(h: Headers): RequestContext {
  // Checked at start with the rest of the configuration (lib/config/env-schema.ts); read directly
  // here so scripts and tests without a full configuration get the safe default (no proxies).
  const trusted = parseTrustedProxies(process.env.BERTH_TRUSTED_PROXIES) ?? { count: 0 };
  const requestId = storedHeader(h.get("x-request-id"), HEADER_LIMITS.requestId);
  return {
    ip: clientIp(h.get("x-forwarded-for"), trusted),
    userAgent: storedHeader(h.get("user-agent"), HEADER_LIMITS.userAgent),
    requestId: /^[\w.:-]+$/.test(requestId) ? requestId : randomUUID(),
  };
}
