import type { AppSpec } from "../model/app-spec";
import { fromZodIssue, validateAppSpec } from "../validate/validate-app-spec";
import { checkParameterValue, compilePattern, param } from "./check-value";
import { ParameterListSchema, type ParameterValue, type Template } from "./param-schema";
import { findParameterReferences, substituteParameters } from "./references";
import { keyedIssue, resolveValues, type ParameterIssue } from "./resolve-values";

export type { ParameterIssue };

export type ResolveResult = { ok: true; spec: AppSpec; values: Record<string, ParameterValue> } | { ok: false; errors: ParameterIssue[] };

/** Checks the definitions themselves and that every reference names a defined parameter. */
export function validateTemplate(template: Pick<Template, "spec" | "parameters">): ParameterIssue[] {
  const parsed = ParameterListSchema.safeParse(template.parameters);
  // Shapes read as the spec's do ("must be a string"); the name rules keep their own sentences.
  if (!parsed.success) return parsed.error.issues.map((i) => ({ ...fromZodIssue(i), path: ["parameters", ...i.path].join(".") }));
  const defs = parsed.data;
  const issues: ParameterIssue[] = [];
  const seen = new Set<string>();
  defs.forEach((def, i) => {
    const at = (field: string) => `parameters.${i}.${field}`;
    const add = (field: string, problem: string) => issues.push(keyedIssue(def.name, at(field), param("named", { name: def.name, problem: param(`definition.${problem}`) })));
    if (seen.has(def.name)) add("name", "definedTwice");
    seen.add(def.name);
    if (def.type === "enum" && !(def.options?.length)) add("options", "needsOption");
    if (def.pattern !== undefined && compilePattern(def.pattern) === null) add("pattern", "badPattern");
    if (typeof def.min === "number" && typeof def.max === "number" && def.min > def.max) add("min", "minAboveMax");
    if (def.lockedByAdmin && def.default === undefined) add("default", "lockedNeedsDefault");
    if (def.default !== undefined) {
      const checked = checkParameterValue(def, def.default);
      if (!checked.ok) issues.push(keyedIssue(def.name, at("default"), param("defaultValue", { problem: checked.msg })));
    }
  });
  for (const ref of findParameterReferences(template.spec)) {
    if (!seen.has(ref.name)) issues.push(keyedIssue(ref.name, ref.path, param("notDefined", { name: ref.name })));
  }
  return issues;
}

/**
 * Resolves a template with the user's values: type-checks each value (errors
 * name the parameter), substitutes the references, then validates the spec.
 */
export function resolveParameters(template: Pick<Template, "spec" | "parameters">, values: Record<string, unknown>): ResolveResult {
  const templateIssues = validateTemplate(template);
  if (templateIssues.length) return { ok: false, errors: templateIssues };
  const defs = ParameterListSchema.parse(template.parameters);
  const { resolved, errors } = resolveValues(defs, values);
  if (errors.length) return { ok: false, errors };

  const { spec, landed } = substituteParameters(template.spec, resolved);
  const result = validateAppSpec(spec);
  if (result.ok) return { ok: true, spec: result.spec, values: resolved };
  return {
    ok: false,
    errors: result.issues.map((issue) => {
      const parameter = parameterAt(landed, issue.path);
      return parameter === undefined ? issue : keyedIssue(parameter, issue.path, param("namedSpec", { name: parameter, problem: issue.msg ?? issue.message }));
    }),
  };
}

/** The parameter that landed on this path or on one of its ancestors. */
function parameterAt(landed: Map<string, string>, path: string): string | undefined {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf("."))) {
    const name = landed.get(p);
    if (name !== undefined) return name;
    if (!p.includes(".")) return undefined;
  }
}
