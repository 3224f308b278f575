import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { guardInputSize } from "@/lib/manifests/validate/input-guard";
import { readCapped } from "@/lib/web/read-capped";
import { acceptToken, findTokenBySecret, TokenRefused, type AuthenticatedToken } from "../api-tokens";
import { zodFieldErrors } from "../action";
import { withTokenAttribution } from "../audit-attribution";
import { hitRateLimit } from "../rate-limit";
import { claimIdempotencyKey, readIdempotencyKey, requestHash } from "./idempotency";
import { ApiProblem, problemResponse, toProblem } from "./problem";

// The one wrapper every /api/v1 route handler goes through, so each handler is a few lines that
// call one data-layer function: bearer token → rate limit (per token, Postgres) → token still
// valid and its user still a member → bounded JSON body and query parsed with the route's zod
// schemas → Idempotency-Key → the handler, with audit events attributed to the token → JSON, or
// RFC 9457 problem+json for every refusal (never a bare 500 for bad input).
export const MAX_BODY_BYTES = 256 * 1024;
export const REQUESTS_PER_MINUTE = 300;

export type ApiCall<Q, B> = {
  auth: AuthenticatedToken;
  ctx: AuthenticatedToken["ctx"];
  query: Q;
  body: B;
  params: Record<string, string>;
  request: Request;
};
/** A JSON reply (status 200 unless given), or a ready Response (a streamed export). */
export type ApiReply = { status?: number; body: unknown } | Response;

type Spec<QS extends z.ZodType | undefined, BS extends z.ZodType | undefined> = {
  query?: QS;
  body?: BS;
  /** Deploy, redeploy, undeploy: honour the Idempotency-Key header. */
  idempotent?: boolean;
};
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function apiRoute<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  spec: Spec<QS, BS>,
  handler: (call: ApiCall<Parsed<QS>, Parsed<BS>>) => Promise<ApiReply>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const requestId = requestIdOf(request);
    try {
      const auth = await authenticate(request);
      const query = spec.query ? parseWith(spec.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const raw = spec.body ? await readJsonBody(request) : undefined;
      const body = spec.body ? parseWith(spec.body, raw) : undefined;
      const params = await plainParams(context);
      const call = { auth, ctx: auth.ctx, query, body, params, request } as ApiCall<Parsed<QS>, Parsed<BS>>;
      const run = () => withTokenAttribution(auth.token, () => handler(call));
      const key = spec.idempotent ? readIdempotencyKey(request.headers) : null;
      if (!key) return reply(await run(), requestId);
      const claim = await claimIdempotencyKey(auth.token.id, key, requestHash(request.method, new URL(request.url).pathname, raw));
      if (claim.kind === "replay") return json(claim.response.status, claim.response.body, requestId, { "idempotency-replayed": "true" });
      let result: ApiReply;
      try {
        result = await run();
      } catch (e) {
        await claim.release();
        throw e;
      }
      if (result instanceof Response) return result; // not used by idempotent routes
      const status = result.status ?? 200;
      await claim.complete({ status, body: JSON.parse(JSON.stringify(result.body)) });
      return json(status, result.body, requestId);
    } catch (e) {
      return problemResponse(toProblem(e), requestId);
    }
  };
}

function requestIdOf(request: Request): string {
  const id = request.headers.get("x-request-id") ?? "";
  return /^[\w.:-]{1,100}$/.test(id) ? id : randomUUID();
}

async function authenticate(request: Request): Promise<AuthenticatedToken> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S{1,300})$/i.exec(header.trim());
  if (!match) throw new ApiProblem("unauthenticated", "Send an API token as `Authorization: Bearer berth_…` (create one on your account page).");
  const row = await findTokenBySecret(match[1]);
  if (!row) throw new ApiProblem("unauthenticated", "That API token is not valid. Check it was copied whole, or create a new one on your account page.");
  // Counted before the other checks: a revoked token in a loop is slowed down like a valid one.
  const hit = await hitRateLimit(`api:token:${row.id}`, REQUESTS_PER_MINUTE, 60);
  if (!hit.allowed) {
    throw new ApiProblem("rate_limited", `This token made more than ${REQUESTS_PER_MINUTE} requests in a minute. Retry after ${hit.retryAfterSeconds} s.`, {}, { "retry-after": String(hit.retryAfterSeconds) });
  }
  try {
    return await acceptToken(row);
  } catch (e) {
    if (e instanceof TokenRefused) throw new ApiProblem(e.reason, e.message);
    throw e;
  }
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiProblem("invalid", "Please correct the fields listed in `errors`.", zodFieldErrors(parsed.error));
}

/** The body as JSON, read up to MAX_BODY_BYTES (the declared length is not trusted). */
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readCapped(request.body, MAX_BODY_BYTES);
  if (!bytes) throw tooLarge();
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // An empty body means "all defaults" (redeploy, undeploy); anything else must say it is JSON.
  if (!text.trim()) return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(problem\+)?json\b/i.test(type.trim())) throw new ApiProblem("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiProblem("invalid", "The body is not valid JSON.", { _body: ["Not valid JSON."] });
  }
  // JSON.parse keeps "__proto__" as an own key; refused with its path before zod sees it (as are absurd sizes).
  const guard = guardInputSize(parsed);
  if (guard) throw new ApiProblem("invalid", `The body ${guard.message}.`, { [guard.path || "_body"]: [guard.message] });
  return parsed;
}

const tooLarge = () => new ApiProblem("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);

async function plainParams(context: RouteContext): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // Next hands the segments over already decoded.
  for (const [k, v] of Object.entries((await context?.params) ?? {})) if (typeof v === "string") out[k] = v;
  return out;
}

function reply(r: ApiReply, requestId: string): Response {
  if (r instanceof Response) return r;
  return json(r.status ?? 200, r.body, requestId);
}

function json(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": requestId, ...extra } });
}
