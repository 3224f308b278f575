import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";
import { rule } from "./issue-list";
import type { ValidationIssue } from "./validate-app-spec";

/** Copying a "__proto__" key with `obj[key] = …` replaces that object's prototype: refused outright. */
export const PROTO_KEY_MSG = rule("protoKey");
export const PROTO_KEY_MESSAGE = english(PROTO_KEY_MSG);

const GUARD = { entriesPerCollection: 10_000, nodes: 500_000, depth: 64 } as const;

/**
 * A cheap walk over untrusted input before zod sees it: one list or map with
 * thousands of entries, or absurd nesting, is refused at once with its path,
 * instead of being parsed entry by entry. The finer limits live in the schema.
 * A "__proto__" key anywhere (JSON.parse and YAML make it an own key) is refused with its path.
 * Recursion is safe here: it stops at GUARD.depth.
 */
export function guardInputSize(input: unknown): (ValidationIssue & { msg: Msg }) | null {
  const state = { nodes: 0 };
  const found = walk(input, 0, state);
  if (!found) return null;
  return { path: found.path.reverse().join("."), message: english(found.msg), msg: found.msg };
}

interface Found {
  path: string[];
  msg: Msg;
}

function walk(value: unknown, depth: number, state: { nodes: number }): Found | null {
  if (typeof value !== "object" || value === null) return null;
  if (++state.nodes > GUARD.nodes) return { path: [], msg: rule("inputTooLarge") };
  if (depth > GUARD.depth) return { path: [], msg: rule("nestedLevels", { max: GUARD.depth }) };
  if (Array.isArray(value)) {
    if (value.length > GUARD.entriesPerCollection) return tooMany(value.length);
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], depth + 1, state);
      if (found) return withKey(found, String(i));
    }
    return null;
  }
  let count = 0;
  for (const key of Object.keys(value)) {
    if (++count > GUARD.entriesPerCollection) return tooMany(Object.keys(value).length);
    if (key === "__proto__") return { path: [key], msg: PROTO_KEY_MSG };
    const found = walk((value as Record<string, unknown>)[key], depth + 1, state);
    if (found) return withKey(found, key);
  }
  return null;
}

/** Paths are collected leaf-first on the way back up, and reversed once at the end. */
function withKey(found: Found, key: string): Found {
  found.path.push(key);
  return found;
}

function tooMany(entries: number): Found {
  return { path: [], msg: rule("tooManyEntries", { entries, max: GUARD.entriesPerCollection }) };
}
