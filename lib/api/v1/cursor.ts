// Opaque page cursors of the API: base64url JSON the server made. A cursor that does not decode
// to the expected shape is the caller's mistake (a field error), never a crash.
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<K extends string>(cursor: string | undefined, keys: Record<K, "string" | "number">): Record<K, string | number> | undefined | null {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    const out = {} as Record<K, string | number>;
    for (const [key, type] of Object.entries(keys) as [K, string][]) {
      const v = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      if (typeof v !== type || (typeof v === "string" && v.length > 200)) return null;
      out[key] = v as string | number;
    }
    return out;
  } catch {
    return null;
  }
}
