import { RE2JS } from "re2js";
import { english } from "@/lib/i18n/english";
import { checkImageRef } from "../validate/k8s-names";
import { compareQuantities, isQuantity } from "../validate/quantity";
import type { ParameterDefinition, ParameterValue } from "./param-schema";

export type CheckedValue = { ok: true; value: ParameterValue } | { ok: false; message: string };

/**
 * Checks (and coerces form strings like "3" or "true") a value against its
 * definition. Messages name the parameter: `parameter "replicas" must be an integer ≥ 1`.
 */
export function checkParameterValue(def: ParameterDefinition, raw: unknown): CheckedValue {
  const fail = (rule: string): CheckedValue => ({ ok: false, message: `parameter "${def.name}" ${rule}` });
  switch (def.type) {
    case "integer": {
      const n = typeof raw === "string" && /^-?[0-9]+$/.test(raw.trim()) ? Number(raw) : raw;
      const bounds = describeBounds(def);
      if (typeof n !== "number" || !Number.isSafeInteger(n)) return fail(`must be an integer${bounds}`);
      if ((typeof def.min === "number" && n < def.min) || (typeof def.max === "number" && n > def.max)) return fail(`must be an integer${bounds}`);
      return { ok: true, value: n };
    }
    case "boolean": {
      if (raw === true || raw === "true") return { ok: true, value: true };
      if (raw === false || raw === "false") return { ok: true, value: false };
      return fail("must be true or false");
    }
    case "enum":
      if (typeof raw !== "string" || !(def.options ?? []).includes(raw)) return fail(`must be one of ${(def.options ?? []).map((o) => JSON.stringify(o)).join(", ")}`);
      return { ok: true, value: raw };
    case "quantity": {
      const text = typeof raw === "number" ? String(raw) : raw;
      if (typeof text !== "string" || !isQuantity(text)) return fail("must be a quantity such as 500m, 2 or 1Gi");
      if (typeof def.min === "string" && (compareQuantities(text, def.min) ?? 0) < 0) return fail(`must be at least ${def.min}`);
      if (typeof def.max === "string" && (compareQuantities(text, def.max) ?? 0) > 0) return fail(`must be at most ${def.max}`);
      return { ok: true, value: text };
    }
    case "image": {
      if (typeof raw !== "string") return fail("must be an image reference");
      const issue = checkImageRef(raw);
      if (issue) return fail(english(issue));
      return matchesPattern(def, raw) ? { ok: true, value: raw } : fail(`must match ${def.pattern}`);
    }
    case "string": {
      if (typeof raw !== "string") return fail("must be text");
      if (raw.length > 1024) return fail("must be at most 1024 characters");
      if (typeof def.min === "number" && raw.length < def.min) return fail(`must be at least ${def.min} characters`);
      if (typeof def.max === "number" && raw.length > def.max) return fail(`must be at most ${def.max} characters`);
      return matchesPattern(def, raw) ? { ok: true, value: raw } : fail(`must match ${def.pattern}`);
    }
  }
}

function describeBounds(def: ParameterDefinition): string {
  const min = typeof def.min === "number" ? def.min : undefined;
  const max = typeof def.max === "number" ? def.max : undefined;
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return "";
}

function matchesPattern(def: ParameterDefinition, value: string): boolean {
  if (def.pattern === undefined) return true;
  const re = compilePattern(def.pattern);
  return re !== null && re.matches(value);
}

/**
 * The pattern on RE2's linear-time engine (re2js: pure JS, the same in the browser): the whole
 * value must match. Null when RE2 cannot compile it (syntax errors, and what only a backtracking
 * engine can do: lookaround, backreferences), so no pattern can stall the event loop.
 */
export function compilePattern(pattern: string): RE2JS | null {
  try {
    return RE2JS.compile(pattern);
  } catch {
    return null;
  }
}
