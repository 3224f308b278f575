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

export function apiError(e: unknown): ApiErrorInfo {
  const err = e as { name?: string; code?: unknown; body?: unknown; message?: string; cause?: { code?: string; message?: string } };
  const tooLarge = [e, err?.cause].find((x) => x instanceof ResponseTooLarge);
  if (tooLarge) return { status: 0, reason: "TooLarge", message: (tooLarge as Error).message, causes: [] };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return { status: 0, reason: "Timeout", message: "the API server did not answer in time (request timed out)", causes: [] };
  }
  if (typeof err?.code === "number") {
    const body = parseBody(err.body);
    return {
      status: err.code,
      reason: body.reason ?? "",
      message: body.message ?? `the API server answered HTTP ${err.code}`,
      causes: (body.details?.causes ?? []).map((c) => ({ field: c.field ?? "", message: c.message ?? "" })),
    };
  }
  const network = err?.cause?.code ?? (typeof err?.code === "string" ? err.code : "");
  const detail = err?.cause?.message ?? err?.message ?? String(e);
  return { status: 0, reason: "Unreachable", message: `could not reach the API server${network ? ` (${network})` : ""}: ${detail}`.slice(0, 500), causes: [] };
}

export function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 404;
}

function parseBody(body: unknown): StatusBody {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      // Not a Kubernetes Status: do not echo it (a kubeconfig may point at any https endpoint, and
      // its reply must not become a way to read that endpoint through Berth).
      return { message: "the server's reply is not a Kubernetes API response (is this the API server's URL?)" };
    }
  }
  return (body && typeof body === "object" ? body : {}) as StatusBody;
}

/** One line for any error: the API server's message, a network failure, or our own error's text. */
export function describeError(e: unknown): string {
  const err = e as { name?: string; code?: unknown; cause?: unknown };
  if (e instanceof Error && err.code === undefined && err.cause === undefined && err.name !== "TimeoutError") return e.message;
  return apiError(e).message;
}
