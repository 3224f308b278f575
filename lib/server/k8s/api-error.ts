import "server-only";
import { ResponseTooLarge } from "./response-limit";

// Turns what @kubernetes/client-node throws (ApiException with a Status body, or a network
// error) into a short, user-readable description.
export type ApiErrorInfo = {
  /** HTTP status, or 0 when the API server could not be reached. */
  status: number;
  reason: string;
  message: string;
  /** Field-level causes of a 422 (field paths as the API server names them). */
  causes: Array<{ field: string; message: string }>;
};

type StatusBody = { message?: string; reason?: string; details?: { causes?: Array<{ field?: string; message?: string }> } };

const NOT_KUBERNETES = "the server's reply is not a Kubernetes API response (is this the API server's URL?)";
/**
 * A 404 in plain text ("404 page not found") is what an API server answers for an API group or
 * version it does not serve (a CRD that is not installed): never "not a Kubernetes API".
 */
const NOT_SERVED = "the cluster does not serve this API (404): is the CRD or API group installed?";
const MAX_MESSAGE = 500;
const MAX_CAUSES = 50;

export function apiError(e: unknown): ApiErrorInfo {
  const err = e as { name?: string; code?: unknown; body?: unknown; message?: string; cause?: { name?: string; code?: string; message?: string } };
  // Refused by Berth itself (address policy, redirect): guarded-dispatcher.ts wrote the message.
  const refused = err?.name === "ClusterRequestRefused" ? err : err?.cause?.name === "ClusterRequestRefused" ? err.cause : null;
  if (refused) return { status: 0, reason: "Refused", message: String(refused.message).slice(0, MAX_MESSAGE), causes: [] };
  const tooLarge = [e, err?.cause].find((x) => x instanceof ResponseTooLarge);
  if (tooLarge) return { status: 0, reason: "TooLarge", message: (tooLarge as Error).message, causes: [] };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return { status: 0, reason: "Timeout", message: "the API server did not answer in time (request timed out)", causes: [] };
  }
  if (err?.name === "SyntaxError") return { status: 0, reason: "NotKubernetes", message: NOT_KUBERNETES, causes: [] };
  if (typeof err?.code === "number") {
    const body = statusBody(err.body);
    const text = (v: unknown) => (typeof v === "string" ? v.slice(0, MAX_MESSAGE) : "");
    return {
      status: err.code,
      reason: body ? text(body.reason) : "",
      message: (body && text(body.message)) || (err.code === 404 && !body ? NOT_SERVED : `the API server answered HTTP ${err.code}${body ? "" : ` (${NOT_KUBERNETES})`}`),
      causes: (Array.isArray(body?.details?.causes) ? body.details.causes : []).slice(0, MAX_CAUSES).map((c) => ({ field: text(c?.field), message: text(c?.message) })),
    };
  }
  const network = err?.cause?.code ?? (typeof err?.code === "string" ? err.code : "");
  const detail = err?.cause?.message ?? err?.message ?? String(e);
  return { status: 0, reason: "Unreachable", message: `could not reach the API server${network ? ` (${network})` : ""}: ${detail}`.slice(0, 500), causes: [] };
}

export function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 404;
}

export function isForbidden(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 403;
}

/**
 * The reply as a Kubernetes `Status` (kind Status, apiVersion v1), or null. Nothing else is ever
 * echoed: a kubeconfig may point at any https endpoint, and its reply must not become a way to
 * read that endpoint through Berth.
 */
function statusBody(body: unknown): StatusBody | null {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const status = value as { kind?: unknown; apiVersion?: unknown } | null;
  return status && typeof status === "object" && status.kind === "Status" && status.apiVersion === "v1" ? (status as StatusBody) : null;
}

/** One line for any error: the API server's message, a network failure, or our own error's text. */
export function describeError(e: unknown): string {
  const err = e as { name?: string; code?: unknown; cause?: unknown };
  if (e instanceof Error && err.code === undefined && err.cause === undefined && err.name !== "TimeoutError" && err.name !== "SyntaxError") return e.message;
  return apiError(e).message;
}
