import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { pushAt } from "@/lib/manifests/plain-object";
import { AppError, type FieldErrors } from "./errors";

// The shape every server action returns to useActionState, and the one wrapper that turns
// validation and data-layer errors into it. An unexpected error is logged with an id and shown
// as a short message: a form never gets a 500.
export type ActionState<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; values?: Record<string, string> }
  | null;

const SECRET_FIELD = /password|secret|token|kubeconfig/i;

/** What the user typed, to put back in the form (never secrets). */
export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !SECRET_FIELD.test(k)) values[k] = v.slice(0, 10_000);
  }
  return values;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    pushAt(out, key, issue.message);
  }
  return out;
}

export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (data: z.infer<S>) => Promise<T>,
  values?: Record<string, string>,
): Promise<ActionState<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: zodFieldErrors(parsed.error), values };
  }
  try {
    return { ok: true, data: await fn(parsed.data) };
  } catch (error) {
    return failure(error, values);
  }
}

export function failure(error: unknown, values?: Record<string, string>): ActionState<never> {
  if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
  // next/navigation's redirect() and notFound() work by throwing: let them through.
  if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
  const id = randomUUID().slice(0, 8);
  console.error(`[berth] unexpected error ${id}:`, error instanceof Error ? error.stack : error);
  return { ok: false, message: `Something went wrong on our side (reference ${id}). Nothing was changed.`, fieldErrors: {}, values };
}
