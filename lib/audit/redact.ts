// Secrets never enter the audit trail: summaries are scrubbed of anything that looks like one.
const SECRET_KEY = /pass(word)?|secret|token|kubeconfig|credential|private.?key|authorization|cookie|cert.*data|key.?data/i;
const MAX_STRING = 2000;

export function redactSummary(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redactSummary(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : redactSummary(v, depth + 1);
    }
    return out;
  }
  if (typeof value === "string" && value.length > MAX_STRING) return `${value.slice(0, MAX_STRING)}…`;
  if (typeof value === "bigint") return value.toString();
  return value;
}
