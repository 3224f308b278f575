import type { ValidationIssue } from "./validate-app-spec";

const GUARD = { entriesPerCollection: 10_000, nodes: 500_000, depth: 64 } as const;

/**
 * A cheap walk over untrusted input before zod sees it: one list or map with
 * thousands of entries, or absurd nesting, is refused at once with its path,
 * instead of being parsed entry by entry. The finer limits live in the schema.
 */
export function guardInputSize(input: unknown): ValidationIssue | null {
  const stack: [unknown, string, number][] = [[input, "", 0]];
  let nodes = 0;
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (++nodes > GUARD.nodes) return { path, message: "the input is too large" };
    if (depth > GUARD.depth) return { path, message: `is nested more than ${GUARD.depth} levels deep` };
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    if (entries.length > GUARD.entriesPerCollection) return { path, message: `has ${entries.length} entries; at most ${GUARD.entriesPerCollection} are accepted` };
    for (const [key, child] of entries) stack.push([child, path === "" ? key : `${path}.${key}`, depth + 1]);
  }
  return null;
}
