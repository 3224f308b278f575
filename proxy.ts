import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, pageSecurityHeaders, servedOverHttps } from "@/lib/web/security-headers";

// Gives every request an id (kept if a load balancer already set one) so audit events and
// logs of one request can be matched, and every page its security headers: a
// Content-Security-Policy with a fresh script nonce (Next reads it from the request's CSP header
// and puts it on its scripts), and HSTS over https (lib/web/security-headers.ts).
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const id = headers.get("x-request-id") ?? crypto.randomUUID();
  headers.set("x-request-id", id);
  const https = servedOverHttps({ authUrl: process.env.AUTH_URL, requestProtocol: request.nextUrl.protocol, forwardedProto: headers.get("x-forwarded-proto") });
  const csp = contentSecurityPolicy({ nonce: newNonce(), https, dev: process.env.NODE_ENV === "development", formActions: oidcOrigin() });
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", id);
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(pageSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

/** Signing in with single sign-on posts a form that redirects to the provider: form-action must allow it. */
function oidcOrigin(): string[] {
  try {
    return process.env.BERTH_OIDC_ISSUER ? [new URL(process.env.BERTH_OIDC_ISSUER).origin] : [];
  } catch {
    return [];
  }
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
