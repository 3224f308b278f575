/**
 * A small, fast YAML emitter for JSON-like data (what Kubernetes objects are).
 * It writes block style the way `kubectl get -o yaml` does, quotes anything a
 * YAML 1.1 or 1.2 reader could take for a non-string, and uses literal blocks
 * for multi-line scripts. Hand-written because the general `yaml` stringifier
 * is ~40× slower (measured on the benchmark bundle) and renders sit on the hot
 * path of every preview keystroke.
 */

/** YAML 1.1 booleans and nulls: kubectl's Go YAML reads these as non-strings. */
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;
const PLAIN_START = /^[A-Za-z_/]/;
const PLAIN_BODY = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const QUANTITY_LIKE = /^[0-9]+(?:\.[0-9]+)?[A-Za-z]+$/;
/** Lenient float readers take "e0" or "1e" for numbers (checked only when a digit is present). */
const FLOAT_LIKE = /^[-+]?[0-9_]*\.?[0-9_]*[eE][-+]?[0-9]*$/;
const HAS_DIGIT = /[0-9]/;
const NON_PRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;
const ESCAPE_EXTRA = /[\x7f-\x9f\u2028\u2029\ufeff]/g;

function isPlain(s: string): boolean {
  if (!PLAIN_BODY.test(s) || RESERVED.test(s) || (FLOAT_LIKE.test(s) && HAS_DIGIT.test(s))) return false;
  if (!PLAIN_START.test(s) && !QUANTITY_LIKE.test(s)) return false;
  return !s.includes(": ") && !s.includes(" #") && !s.endsWith(":");
}

/**
 * Keys and most values repeat across objects and renders (name, value,
 * protocol: TCP …), so the plain-or-quoted decision is memoised. Bounded so a
 * long-running server does not grow it without limit.
 */
const plainCache = new Map<string, boolean>();
const PLAIN_CACHE_MAX = 20_000;

function isPlainCached(s: string): boolean {
  let plain = plainCache.get(s);
  if (plain === undefined) {
    plain = isPlain(s);
    if (plainCache.size >= PLAIN_CACHE_MAX) plainCache.clear();
    if (s.length <= 256) plainCache.set(s, plain);
  }
  return plain;
}

function quoted(s: string): string {
  // JSON strings are YAML double-quoted scalars; also escape what JSON leaves raw but YAML forbids.
  return JSON.stringify(s).replace(ESCAPE_EXTRA, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A literal block is only safe when indentation detection and chomping are unambiguous. */
function canBeLiteralBlock(s: string): boolean {
  if (!s.includes("\n") || /^\s/.test(s) || s.endsWith("\n\n") || s.includes("\r")) return false;
  if (NON_PRINTABLE.test(s.replace(/\t/g, ""))) return false;
  // Lines that are only spaces would be re-read as indentation.
  return !/\n +(\n|$)/.test(s);
}

function scalar(value: unknown, indent: string): string {
  switch (typeof value) {
    case "string":
      if (isPlainCached(value)) return value;
      if (canBeLiteralBlock(value)) {
        const body = value.endsWith("\n") ? value.slice(0, -1) : value;
        const inner = indent + "  ";
        return (value.endsWith("\n") ? "|" : "|-") + body.split("\n").map((line) => (line === "" ? "\n" : `\n${inner}${line}`)).join("");
      }
      return quoted(value);
    case "number":
      return Number.isFinite(value) ? String(value === 0 ? 0 : value) : quoted(String(value));
    case "boolean":
      return value ? "true" : "false";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return "[]";
      return "{}";
  }
}

function isCollection(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

/**
 * Appends `value` (a non-empty map or list) to `w.text`. Every line starts with
 * `indent`, except the first, which starts with `first` (`indent` or "- " for a
 * list item), so list items need no rewriting afterwards.
 */
function emitNode(value: Record<string, unknown> | unknown[], indent: string, first: string, w: { text: string }): void {
  let lead = first;
  if (Array.isArray(value)) {
    const itemIndent = indent + "  ";
    for (const item of value) {
      if (isCollection(item)) emitNode(item, itemIndent, lead + "- ", w);
      else w.text += `${lead}- ${scalar(item, indent)}\n`;
      lead = indent;
    }
    return;
  }
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    const k = isPlainCached(key) ? key : quoted(key);
    if (!isCollection(item)) w.text += `${lead}${k}: ${scalar(item, indent)}\n`;
    else {
      w.text += `${lead}${k}:\n`;
      const childIndent = Array.isArray(item) ? indent : indent + "  ";
      emitNode(item, childIndent, childIndent, w);
    }
    lead = indent;
  }
}

/** One YAML document (no leading `---`), ending with a newline. */
export function emitYaml(value: unknown): string {
  if (!isCollection(value)) return `${scalar(value, "")}\n`;
  const w = { text: "" };
  emitNode(value, "", "", w);
  return w.text;
}

/** Several documents separated by `---`, as `kubectl apply -f` reads them. */
export function emitYamlDocuments(values: readonly unknown[]): string {
  return values.map(emitYaml).join("---\n");
}
