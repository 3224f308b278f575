// Errors the data layer throws on purpose. Server actions turn them into form results
// (lib/server/action.ts); anything else is unexpected, logged with a request id, and shown
// as a generic message — never a 500 page.
//
// A message is either English text (older call sites) or a catalogue message (`{ key, values }`,
// lib/i18n/message.ts): `message` is then its English text (logs, the API), and server actions
// show it in the reader's language (action.ts). Field errors work the same way.
import { english } from "@/lib/i18n/english";
import { isMsg, type Msg } from "@/lib/i18n/message";

export type FieldErrors = Record<string, string[]>;
export type FieldMsgs = Record<string, (string | Msg)[]>;
type Text = string | Msg;

function englishFields(fields: FieldMsgs): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, list] of Object.entries(fields)) out[path] = list.map((m) => english(m));
  return out;
}

export class AppError extends Error {
  /** The catalogue message, when the thrower gave one (shown translated by server actions). */
  readonly msg: Msg | null;
  readonly fieldErrors: FieldErrors;
  constructor(
    message: Text,
    readonly code: "invalid" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable",
    readonly fieldMsgs: FieldMsgs = {},
  ) {
    super(english(message));
    this.name = "AppError";
    this.msg = isMsg(message) ? message : null;
    this.fieldErrors = englishFields(fieldMsgs);
  }
}

export const invalid = (message: Text, fieldErrors: FieldMsgs = {}) => new AppError(message, "invalid", fieldErrors);
export const forbidden = (message: Text = { key: "errors.forbidden" }) => new AppError(message, "forbidden");
export const notFound = (what: Text = { key: "errors.thatItem" }) => new AppError({ key: "errors.notFound", values: { what } }, "not_found");
export const conflict = (message: Text, fieldErrors: FieldMsgs = {}) => new AppError(message, "conflict", fieldErrors);
export const rateLimited = (message: Text) => new AppError(message, "rate_limited");
