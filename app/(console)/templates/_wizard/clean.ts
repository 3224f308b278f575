import { setOwn } from "@/lib/manifests/plain-object";

/** Drops `undefined` members (unset optional inputs) so the value is what JSON would carry. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clean(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, clean(v)); // a typed "__proto__" key stays a key (the server refuses it by name)
    return out as T;
  }
  return value;
}
