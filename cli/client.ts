import type { z } from "zod";
import { ProblemSchema, type Problem } from "./api-schemas";
import type { Server } from "./config";
import { CliError, EXIT, type ExitCode } from "./errors";
import type { Io } from "./io";
import { readCapped } from "@/lib/web/read-capped";
import { oneLine } from "./output";

// The only code that talks to a Berth server. The server is untrusted: every reply is bounded in
// size and time and checked with zod, redirects are never followed (the token would go along),
// and nothing it says reaches the terminal with control characters or the token in it.
export const CLIENT_LIMITS = { responseBytes: 16 * 1024 * 1024, requestMs: 60_000, attempts: 4, maxRetryAfterMs: 60_000 } as const;

export type RequestOptions = { body?: unknown; query?: Record<string, string | number | undefined>; idempotencyKey?: string };

export class ApiClient {
  constructor(
    private readonly server: Server,
    private readonly io: Io,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get<S extends z.ZodType>(path: string, schema: S, options: Omit<RequestOptions, "body"> = {}): Promise<z.output<S>> {
    return this.request("GET", path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    return this.request("POST", path, schema, options);
  }

  /**
   * One API call. Retried (same body, same Idempotency-Key) when the connection fails, the
   * server is busy (429, 502–504) or the key's first request is still running: the key makes a
   * retried deploy come back with the first one's answer instead of deploying again.
   */
  async request<S extends z.ZodType>(method: "GET" | "POST", path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    const url = new URL(this.server.url + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.server.token}`, accept: "application/json, application/problem+json", "user-agent": "berth-cli" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= CLIENT_LIMITS.attempts;
      let response: Response;
      try {
        response = await this.fetchImpl(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(CLIENT_LIMITS.requestMs) });
      } catch (e) {
        if (!last && !permanent(e)) {
          await this.io.sleep(500 * 2 ** attempt);
          continue;
        }
        throw new CliError(`could not reach ${this.server.url}: ${this.scrub(describeFetchError(e))}`, EXIT.unavailable);
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const to = response.headers.get("location");
        throw new CliError(`${method} ${path}: the server answered ${response.status} (a redirect${to ? ` to ${this.scrub(oneLine(to.slice(0, 200)))}` : ""}); not followed, so the token goes nowhere else. Log in with the server's final https:// URL.`, EXIT.unavailable);
      }
      const text = await this.readBody(response, method, path);
      if (response.ok) return this.parse(schema, text, method, path);
      const problem = parseProblem(text);
      const retryable = response.status === 429 || response.status === 502 || response.status === 503 || response.status === 504 || problem?.code === "idempotency_in_progress";
      if (retryable && !last) {
        await this.io.sleep(retryDelay(response.headers.get("retry-after"), attempt));
        continue;
      }
      throw this.problemError(response.status, problem, method, path);
    }
  }

  /** The body as text, refused past CLIENT_LIMITS.responseBytes (by Content-Length and by counting). */
  private async readBody(response: Response, method: string, path: string): Promise<string> {
    const limit = CLIENT_LIMITS.responseBytes;
    const tooLarge = () => new CliError(`${method} ${path}: the server's answer is larger than ${limit / 1024 / 1024} MiB; refused`, EXIT.unavailable);
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    let bytes: Buffer | null;
    try {
      bytes = await readCapped(response.body, limit);
    } catch (e) {
      throw new CliError(`${method} ${path}: the connection broke while reading the answer: ${this.scrub(describeFetchError(e))}`, EXIT.unavailable);
    }
    if (!bytes) throw tooLarge();
    return bytes.toString("utf8");
  }

  private parse<S extends z.ZodType>(schema: S, text: string, method: string, path: string): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliError(`${method} ${path}: the server's answer is not JSON (is ${this.server.url} a Berth server?)`, EXIT.unavailable);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`${method} ${path}: unexpected answer from the server (${issue.path.join(".") || "body"}: ${issue.message}); is the CLI older than the server?`, EXIT.unavailable);
    }
    return parsed.data;
  }

  private problemError(status: number, problem: Problem | null, method: string, path: string): CliError {
    const what = problem?.detail || problem?.title || `HTTP ${status}`;
    const fields = Object.entries(problem?.errors ?? {}).flatMap(([k, msgs]) => msgs.slice(0, 5).map((m) => `  ${k}: ${m}`)).slice(0, 50);
    const ref = problem?.requestId ? ` (request ${problem.requestId})` : "";
    const text = [`${what}${problem?.code ? ` [${problem.code}]` : ""}${ref}`, ...fields].map((l) => this.scrub(oneLine(l.slice(0, 2000)))).join("\n");
    return new CliError(status >= 500 || status === 429 ? `${method} ${path}: ${text}` : text, exitCodeFor(status));
  }

  /** Never echo the token, whatever the server or a network error puts in a message. */
  scrub(text: string): string {
    return text.split(this.server.token).join("berth_***");
  }
}

function exitCodeFor(status: number): ExitCode {
  if (status === 400 || status === 413 || status === 415) return EXIT.failed;
  if (status === 429 || status >= 500) return EXIT.unavailable;
  return EXIT.refused;
}

function parseProblem(text: string): Problem | null {
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Retry-After in seconds (capped), else an exponential back-off. */
function retryDelay(header: string | null, attempt: number): number {
  const seconds = header && /^\d{1,6}$/.test(header.trim()) ? Number(header) : NaN;
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, CLIENT_LIMITS.maxRetryAfterMs) : 1000 * 2 ** (attempt - 1);
}

/** A name that does not resolve stays so: retrying only delays the error. */
function permanent(e: unknown): boolean {
  const code = (e as { cause?: { code?: unknown } })?.cause?.code;
  return code === "ENOTFOUND" || (e instanceof Error && e.name === "TimeoutError");
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${cause.message}` : "";
    if (e.name === "TimeoutError") return `no answer within ${CLIENT_LIMITS.requestMs / 1000} s`;
    return oneLine(detail || e.message).slice(0, 300);
  }
  return "unknown error";
}
