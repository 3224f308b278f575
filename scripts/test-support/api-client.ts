import { createApiToken } from "@/lib/server/api-tokens";
import type { Ctx } from "@/lib/server/authz";

// Calls /api/v1 route handlers the way Next does (a Request and the route's params), so the
// integration tests run the real handler, wrapper and data layer without an HTTP server.
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiAnswer = { status: number; headers: Headers; json: any; text: string };

export async function callApi(
  handler: RouteHandler,
  opts: { method?: string; path?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string>; query?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const url = new URL(`http://berth.test/api/v1${opts.path ?? "/"}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** A token for this user in this team, as the account page makes one. */
export async function newToken(ctx: Ctx, role: "viewer" | "member", name = `${role} token`, expiresInDays = 90): Promise<{ id: string; secret: string }> {
  const { token, secret } = await createApiToken({ userId: ctx.userId }, { name, teamId: ctx.teamId, role, expiresInDays });
  return { id: token.id, secret };
}
