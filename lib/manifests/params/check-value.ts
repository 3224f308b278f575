import { RE2JS } from "re2js";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { rule } from "../validate/issue-list";
import { checkImageRef } from "../validate/k8s-names";
import { compareQuantities, isQuantity } from "../validate/quantity";
import type { ParameterDefinition, ParameterValue } from "./param-schema";

/** `message` is the English of `msg` (params.* in messages/<locale>/params.json). */
export type CheckedValue = { ok: true; value: ParameterValue } | { ok: false; message: string; msg: Msg };

/** A parameter message (`params.<key>`). */
export const param = (key: string, values?: Msg["values"]): Msg => msg(`params.${key}`, values);
const value = (key: string, values?: Msg["values"]): Msg => param(`value.${key}`, values);

/**
 * Checks (and coerces form strings like "3" or "true") a value against its
 * definition. Messages name the parameter: `parameter "replicas" must be an integer ≥ 1`.
 */
export function checkParameterValue(def: ParameterDefinition, raw: unknown): CheckedValue {
  const fail = (problem: Msg): CheckedValue => {
    const m = param("named", { name: def.name, problem });
    return { ok: false, message: english(m), msg: m };
  };
  switch (def.type) {
    case "integer": {
      const n = typeof raw === "string" && /^-?[0-9]+$/.test(raw.trim()) ? Number(raw) : raw;
      const bounds = describeBounds(def);
      if (typeof n !== "number" || !Number.isSafeInteger(n)) return fail(bounds);
      if ((typeof def.min === "number" && n < def.min) || (typeof def.max === "number" && n > def.max)) return fail(bounds);
      return { ok: true, value: n };
    }
    case "boolean": {
      if (raw === true || raw === "true") return { ok: true, value: true };
      if (raw === false || raw === "false") return { ok: true, value: false };
      return fail(value("boolean"));
    }
    case "enum":
      if (typeof raw !== "string" || !(def.options ?? []).includes(raw)) return fail(value("oneOf", { options: (def.options ?? []).map((o) => JSON.stringify(o)).join(", ") }));
      return { ok: true, value: raw };
    case "quantity": {
      const text = typeof raw === "number" ? String(raw) : raw;
      if (typeof text !== "string" || !isQuantity(text)) return fail(value("quantity"));
      if (typeof def.min === "string" && (compareQuantities(text, def.min) ?? 0) < 0) return fail(value("atLeast", { min: def.min }));
      if (typeof def.max === "string" && (compareQuantities(text, def.max) ?? 0) > 0) return fail(value("atMost", { max: def.max }));
      return { ok: true, value: text };
    }
    case "image": {
      if (typeof raw !== "string") return fail(value("image"));
      const issue = checkImageRef(raw);
      if (issue) return fail(issue);
      return matchesPattern(def, raw) ? { ok: true, value: raw } : fail(value("pattern", { pattern: def.pattern ?? "" }));
    }
    case "string": {
      if (typeof raw !== "string") return fail(value("text"));
      if (raw.length > 1024) return fail(rule("maxChars", { max: 1024 }));
      if (typeof def.min === "number" && raw.length < def.min) return fail(rule("minChars", { min: def.min }));
      if (typeof def.max === "number" && raw.length > def.max) return fail(rule("maxChars", { max: def.max }));
      return matchesPattern(def, raw) ? { ok: true, value: raw } : fail(value("pattern", { pattern: def.pattern ?? "" }));
    }
  }
}

function describeBounds(def: ParameterDefinition): Msg {
  const min = typeof def.min === "number" ? def.min : undefined;
  const max = typeof def.max === "number" ? def.max : undefined;
  if (min !== undefined && max !== undefined) return value("integerBetween", { min, max });
  if (min !== undefined) return value("integerMin", { min });
  if (max !== undefined) return value("integerMax", { max });
  return value("integer");
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
