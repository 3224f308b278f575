// A user-facing message as data: a catalogue key (messages/<locale>.json) and its values. Pure
// code (lib/manifests, the data layer's errors) returns these; whoever shows them formats them in
// the reader's language (format.ts: English for logs, the API and the CLI; next-intl in the app).
export type MsgValue = string | number | Msg;
export type Msg = { key: string; values?: Record<string, MsgValue> };

export function msg(key: string, values?: Record<string, MsgValue>): Msg {
  return values ? { key, values } : { key };
}

export function isMsg(value: unknown): value is Msg {
  return typeof value === "object" && value !== null && typeof (value as Msg).key === "string";
}

/** A translate function as next-intl's `t` (or use-intl's createTranslator) gives it. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Formats a message, nested messages in its values first (a field label inside a rule's sentence). */
export function formatMsg(t: Translate, m: Msg | string): string {
  if (typeof m === "string") return m;
  if (!m.values) return t(m.key);
  const values: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(m.values)) values[name] = isMsg(v) ? formatMsg(t, v) : v;
  return t(m.key, values);
}
