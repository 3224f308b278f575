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

/** Every error message under a path of react-hook-form's nested error object, with its path. */
export function flattenErrors(errors: unknown, prefix = ""): { path: string; message: string }[] {
  if (!errors || typeof errors !== "object") return [];
  const out: { path: string; message: string }[] = [];
  const e = errors as Record<string, unknown>;
  if (typeof e.message === "string" && e.message) out.push({ path: prefix, message: e.message });
  for (const [k, v] of Object.entries(e)) {
    if (k === "message" || k === "type" || k === "ref" || k === "types" || k === "root") continue;
    out.push(...flattenErrors(v, prefix ? `${prefix}.${k}` : k));
  }
  if (e.root && typeof e.root === "object") out.push(...flattenErrors(e.root, prefix));
  return out;
}
