/**
 * Kubernetes resource quantities ("500m", "1Gi", "2.5", "1e3"), after
 * k8s.io/apimachinery/pkg/api/resource. We only need to check syntax and
 * compare values (request ≤ limit), so values become a JS number; the
 * grammar is the API server's.
 */

const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const SUFFIX_FACTOR: Record<string, number> = {
  "": 1,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Parses a quantity string into its numeric value, or null when the syntax is wrong. */
export function parseQuantity(text: string): number | null {
  const m = QUANTITY.exec(text);
  if (!m) return null;
  const [, sign, digits, suffix = ""] = m;
  const factor = /^[eE][+-]?[0-9]+$/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX_FACTOR[suffix];
  const value = Number(digits) * factor;
  return sign === "-" ? -value : value;
}

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/** Compares two quantities; null when either does not parse. */
export function compareQuantities(a: string, b: string): number | null {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === null || y === null) return null;
  // Relative tolerance: "1Gi" and "1073741824" are equal, floating point aside.
  const scale = Math.max(Math.abs(x), Math.abs(y), 1e-12);
  if (Math.abs(x - y) / scale < 1e-12) return 0;
  return x < y ? -1 : 1;
}
