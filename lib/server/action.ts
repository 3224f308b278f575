import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { pushAt } from "@/lib/manifests/plain-object";
import { english } from "@/lib/i18n/english";
import { isMsg, type Msg } from "@/lib/i18n/message";
import { isDatabaseUnavailable } from "./db-unavailable";
import { AppError, type FieldErrors, type FieldMsgs } from "./errors";
import { errorFields, log } from "./observability/log";
import { requestTranslator } from "./translate";

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
    const tr = await requestTranslator();
    return { ok: false, message: tr({ key: "errors.correctFields" }), fieldErrors: localizedFieldErrors(tr, parsed.error), values };
  }
  try {
    return { ok: true, data: await fn(parsed.data) };
  } catch (error) {
    return localizedFailure(error, values);
  }
}

/**
 * Zod messages in lib/validation (and lib/approvals/policy-input.ts) may be catalogue keys
 * ("validation.…"), or carry a message with values in the issue's `params.msg`; both are shown in
 * the reader's language. Other messages are kept as they are.
 */
function localizedFieldErrors(tr: (m: Msg | string) => string, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const carried = (issue as { params?: { msg?: unknown } }).params?.msg;
    const text = isMsg(carried) ? tr(carried) : /^validation\.[A-Za-z0-9_.]+$/.test(issue.message) ? tr({ key: issue.message }) : issue.message;
    pushAt(out, issue.path.map(String).join(".") || "_form", text);
  }
  return out;
}

type Described = { message: Msg | string; fieldMsgs: FieldMsgs };

/** What to tell the user about an error; an unexpected one is logged here with a reference id. */
function describeFailure(error: unknown): Described {
  if (error instanceof AppError) return { message: error.msg ?? error.message, fieldMsgs: error.fieldMsgs };
  // the database is away (also a transaction that could not even begin): not a bug
  if (isDatabaseUnavailable(error)) return { message: { key: "errors.databaseUnavailable" }, fieldMsgs: {} };
  // next/navigation's redirect() and notFound() work by throwing: let them through.
  if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
  const id = randomUUID().slice(0, 8);
  log().error({ reference: id, ...errorFields(error) }, "unexpected error in a server action");
  return { message: { key: "errors.unexpected", values: { id } }, fieldMsgs: {} };
}

function toState(d: Described, tr: (m: Msg | string) => string, values?: Record<string, string>): ActionState<never> {
  const fieldErrors: FieldErrors = {};
  for (const [path, list] of Object.entries(d.fieldMsgs)) fieldErrors[path] = list.map((m) => tr(m));
  return { ok: false, message: tr(d.message), fieldErrors, values };
}

/** The failed ActionState in English (route handlers, the API). */
export function failure(error: unknown, values?: Record<string, string>): ActionState<never> {
  return toState(describeFailure(error), english, values);
}

/** The failed ActionState in the reader's language (server actions). */
export async function localizedFailure(error: unknown, values?: Record<string, string>): Promise<ActionState<never>> {
  const described = describeFailure(error);
  return toState(described, await requestTranslator(), values);
}
