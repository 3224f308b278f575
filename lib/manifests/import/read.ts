/** Lenient readers for untrusted YAML data: wrong shapes become empty values, never exceptions. */

import { hasOwnKey, isObj, setOwn, type Obj } from "../plain-object";

export { isObj, type Obj };

export function asObj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function asArr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asStr(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function isEmpty(v: unknown): boolean {
  return v === undefined || (isObj(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}

/** Drops undefined values and empty maps/lists; returns undefined when nothing is left. */
export function compact(obj: Obj): Obj | undefined {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) if (!isEmpty(v)) setOwn(out, k, v);
  return Object.keys(out).length ? out : undefined;
}

/** Deletes keys whose value equals the API server's default (kubectl get prints them). */
export function dropDefaults(obj: Obj, defaults: Record<string, unknown>): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) {
    if (hasOwnKey(defaults, k) && stableJson(defaults[k]) === stableJson(v)) continue;
    setOwn(out, k, v);
  }
  return out;
}

/** A string map (labels, annotations); non-string values are stringified as kubectl would reject them anyway. */
export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObj(v))) setOwn(out, k, typeof val === "string" ? val : JSON.stringify(val));
  return out;
}

/** `{ kind, name }` of any object, for reports. */
export function identify(o: unknown): { kind: string; name: string } {
  const obj = asObj(o);
  return { kind: asStr(obj.kind) ?? "(no kind)", name: asStr(asObj(obj.metadata).name) ?? "(no name)" };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}
