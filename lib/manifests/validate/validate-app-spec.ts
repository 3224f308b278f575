import { isMsg, type Msg } from "@/lib/i18n/message";
import type * as z from "@/lib/zod";
import { AppSpecObject, type AppSpec } from "../model/app-spec";
import { guardInputSize } from "./input-guard";
import { english } from "@/lib/i18n/english";
import { rule } from "./issue-list";
import { collectRuleIssues } from "./rules";

export interface ValidationIssue {
  /** Dot path of one form field, e.g. `containers.0.ports.1.name`. */
  path: string;
  /** English (the API, the CLI); `msg`, when present, is the same message for the reader's language. */
  message: string;
  msg?: Msg;
}

export type ValidationResult = { ok: true; spec: AppSpec } | { ok: false; issues: ValidationIssue[] };

/** A flood of issues helps nobody; the first ones point at the problem. */
const MAX_ISSUES = 50;

/** Parses and checks an app spec: shapes first, then every cluster rule. Never throws. */
export function validateAppSpec(input: unknown): ValidationResult {
  const tooLarge = guardInputSize(input);
  if (tooLarge) return { ok: false, issues: [tooLarge] };
  const parsed = AppSpecObject.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.slice(0, MAX_ISSUES).map(fromZodIssue) };
  const ruleIssues = collectRuleIssues(parsed.data);
  if (ruleIssues.length > 0) {
    return { ok: false, issues: ruleIssues.slice(0, MAX_ISSUES).map((i) => ({ path: joinPath(i.path), message: i.message, msg: i.msg })) };
  }
  return { ok: true, spec: parsed.data };
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Turns zod's terse messages into sentences a person can act on. */
export function fromZodIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const described = describeZodIssue(issue);
  // A zod code no schema here produces keeps zod's English (manifest-messages.test.ts looks for keyless issues).
  if (typeof described === "string") return { path: joinPath(issue.path), message: described };
  return { path: joinPath(issue.path), message: english(described), msg: described };
}

function describeZodIssue(issue: z.core.$ZodIssue): Msg | string {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "array") return rule("atMostEntries", { max: Number(issue.maximum) });
      if (issue.origin === "string") return rule("maxChars", { max: Number(issue.maximum) });
      return rule("atMost", { max: Number(issue.maximum) });
    case "too_small":
      if (issue.origin === "array") return Number(issue.minimum) === 1 ? rule("atLeastOneEntry") : rule("atLeastEntries", { min: Number(issue.minimum) });
      if (issue.origin === "string") return rule("minChars", { min: Number(issue.minimum) });
      return rule("atLeast", { min: Number(issue.minimum) });
    case "invalid_type":
      // zod omits the input from issues; its message ends with "received <type>".
      return /received undefined$/.test(issue.message) ? rule("required") : rule(`mustBe.${expectedKind(issue.expected)}`, { type: issue.expected });
    case "invalid_value":
      return rule("oneOf", { values: issue.values.map((v) => JSON.stringify(v)).join(", ") });
    case "invalid_union":
      // A missing value fails every branch of the union (a port is a number or a name): it is missing, not odd.
      if (issue.errors.length > 0 && issue.errors.every((branch) => branch.some((e) => e.code === "invalid_type" && /received undefined$/.test(e.message))))
        return rule("required");
      return rule("unsupportedShape");
    case "invalid_key":
      // A map key longer than the schema allows (zod's own wording, kept for the API).
      return rule("invalidKey");
    case "custom":
      // Our refinements carry their catalogue message in params.msg (model/common.ts, params/param-schema.ts).
      return isMsg(issue.params?.msg) ? issue.params.msg : issue.message;
    default:
      return issue.message;
  }
}

/** zod's expected type → the catalogue's "must be a …" message (`other` names the type as zod does). */
function expectedKind(expected: string): "int" | "array" | "object" | "number" | "string" | "boolean" | "other" {
  if (expected === "int" || expected === "array" || expected === "number" || expected === "string" || expected === "boolean") return expected;
  if (expected === "record" || expected === "object") return "object";
  return "other";
}
