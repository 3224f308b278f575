import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

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

export function fromHeaders(h: Headers): RequestContext {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || h.get("x-real-ip") || "",
    userAgent: (h.get("user-agent") ?? "").slice(0, 300),
    requestId: h.get("x-request-id") ?? randomUUID(),
  };
}
