import type * as z from "@/lib/zod";
import { AppSpecObject, type AppSpec } from "../model/app-spec";
import { guardInputSize } from "./input-guard";
import { collectRuleIssues } from "./rules";

export interface ValidationIssue {
  /** Dot path of one form field, e.g. `containers.0.ports.1.name`. */
  path: string;
  message: string;
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
    return { ok: false, issues: ruleIssues.slice(0, MAX_ISSUES).map((i) => ({ path: joinPath(i.path), message: i.message })) };
  }
  return { ok: true, spec: parsed.data };
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Turns zod's terse messages into sentences a person can act on. */
export function fromZodIssue(issue: z.core.$ZodIssue): ValidationIssue {
  return { path: joinPath(issue.path), message: describeZodIssue(issue) };
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "array") return `at most ${issue.maximum} entries are allowed`;
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "array") return Number(issue.minimum) === 1 ? "at least one entry is required" : `at least ${issue.minimum} entries are required`;
      if (issue.origin === "string") return `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case "invalid_type":
      // zod omits the input from issues; its message ends with "received <type>".
      return /received undefined$/.test(issue.message) ? "is required" : `must be ${article(issue.expected)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      // A missing value fails every branch of the union (a port is a number or a name): it is missing, not odd.
      if (issue.errors.length > 0 && issue.errors.every((branch) => branch.some((e) => e.code === "invalid_type" && /received undefined$/.test(e.message))))
        return "is required";
      return "has an unsupported shape or type";
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === "int") return "a whole number";
  if (expected === "array") return "a list";
  if (expected === "record" || expected === "object") return "an object";
  return `a ${expected}`;
}
