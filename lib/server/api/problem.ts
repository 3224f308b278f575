import "server-only";
import { randomUUID } from "node:crypto";
import type { ProblemCode } from "@/lib/api/v1/schemas";
import { AppError, type FieldErrors } from "../errors";

// RFC 9457 problem details for every refusal of the REST API: a stable `code` (also the last part
// of `type`), the HTTP status, a sentence a person can act on, and field errors by dotted path.
const STATUS: Record<ProblemCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  token_expired: 401,
  token_revoked: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const TITLE: Record<ProblemCode, string> = {
  invalid: "Invalid request",
  unauthenticated: "Not signed in",
  token_expired: "Token expired",
  token_revoked: "Token revoked",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  idempotency_in_progress: "Request with this Idempotency-Key still running",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_mismatch: "Idempotency-Key reused with another request",
  rate_limited: "Too many requests",
  internal: "Internal error",
  unavailable: "Unavailable",
};

export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors: FieldErrors = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export const problemStatus = (code: ProblemCode): number => STATUS[code];

export function problemResponse(p: ApiProblem, requestId: string): Response {
  const body = { type: `urn:berth:problem:${p.code}`, title: TITLE[p.code], status: STATUS[p.code], detail: p.detail, code: p.code, errors: p.errors, requestId };
  return new Response(JSON.stringify(body), {
    status: STATUS[p.code],
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", "x-request-id": requestId, ...p.headers },
  });
}

const APP_ERROR_CODES: Record<AppError["code"], ProblemCode> = {
  invalid: "invalid",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  rate_limited: "rate_limited",
  unavailable: "unavailable",
};

/** What any thrown value becomes: the data layer's refusals keep their message; anything else is logged with a reference. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof AppError) return new ApiProblem(APP_ERROR_CODES[error.code], error.message, error.fieldErrors);
  const ref = randomUUID().slice(0, 8);
  console.error(`[berth] api: unexpected error ${ref}:`, error instanceof Error ? error.stack : error);
  return new ApiProblem("internal", `Something went wrong on our side (reference ${ref}). If this was a deploy, read the history before retrying.`);
}
