// Text Postgres cannot store: a lone UTF-16 surrogate (JSON "\ud800" and server-action payloads can
// carry one; canonical JSON, the audit hash, refuses it too) and the NUL character.
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes("\0");
}

/** Every string inside `value` with unstorable characters replaced by U+FFFD (as a browser would). */
export function storableDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return (isStorableText(value) ? value : value.toWellFormed().replaceAll("\0", "\ufffd")) as T;
  if (depth > 32 || typeof value !== "object" || value === null || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => storableDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, storableDeep(k), { value: storableDeep(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out as T;
}
