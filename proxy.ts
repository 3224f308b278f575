import { NextResponse, type NextRequest } from "next/server";

// Gives every request an id (kept if a load balancer already set one) so audit events and
// logs of one request can be matched.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const id = headers.get("x-request-id") ?? crypto.randomUUID();
  headers.set("x-request-id", id);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", id);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
