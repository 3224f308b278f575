import "server-only";
import pino, { type Logger } from "pino";
import { redactSummary } from "@/lib/audit/redact";
import { currentRequest } from "./request-store";

// Structured JSON logs on stdout, one object a line: time, level, msg, the request id and the user
// id where known (from the request store), and whatever fields the call adds. Fields pass through
// the audit trail's redactor (keys that look like secrets become "[redacted]", long strings are
// cut). Never log kubeconfigs, tokens, cookies, headers or request bodies: the redactor is a
// second fence, not the first.
const g = globalThis as unknown as { berthLogger?: Logger };

export function log(): Logger {
  g.berthLogger ??= pino({
    level: process.env.BERTH_LOG_LEVEL ?? "info",
    base: { service: "berth" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => redactSummary(fields) as Record<string, unknown>,
    },
    mixin: () => {
      const request = currentRequest();
      return request ? { requestId: request.requestId, ...(request.userId ? { userId: request.userId } : {}) } : {};
    },
  });
  return g.berthLogger;
}

/** An error as log fields: its name, message and stack (never its own enumerable fields, which may carry a request). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { err: { name: error.name, message: error.message, stack: error.stack, code: (error as { code?: unknown }).code } };
  return { err: { message: String(error) } };
}
