import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import { z } from "zod";
import { SIZE_LIMITS, templateContentIssues, type ParameterDefinition } from "@/lib/manifests";
import { env } from "./env";
import { invalid, type FieldErrors, type FieldMsgs } from "./errors";
import { pushAt, unsafeSegment } from "@/lib/manifests/plain-object";
import { applyBindings, UNSAFE_PATH_MESSAGE } from "./templates-bindings";

// What the wizard's save dialog sends, checked before anything heavy runs, and the one place
// that turns a (spec, parameters, bindings) triple into a stored template spec or field errors
// whose paths the form maps back to its fields (`spec.containers.0.image`, `parameters.1.default`).
/** The operator's limits on what a team stores (README: BERTH_MAX_TEMPLATE_KB, …_VERSIONS, …_PER_TEAM). */
export function templateLimits() {
  const e = env();
  return { bytes: e.BERTH_MAX_TEMPLATE_KB * 1024, versions: e.BERTH_MAX_TEMPLATE_VERSIONS, templatesPerTeam: e.BERTH_MAX_TEMPLATES_PER_TEAM };
}

const LabelSchema = z.string().trim().min(1).max(63).regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/i, "use letters, digits, '.', '_' or '-'");
export const TemplateMetaSchema = z.object({
  name: z.string().trim().min(1, "Give the template a name.").max(100, "must be at most 100 characters"),
  description: z.string().max(2000, "must be at most 2000 characters").default(""),
  labels: z.array(LabelSchema).max(20, "at most 20 labels").default([]),
  visibility: z.enum(["private", "team"]).default("private"),
});

const BindingSchema = z.object({
  path: z.string().min(1).max(300).refine((p) => unsafeSegment(p) === undefined, UNSAFE_PATH_MESSAGE),
  parameter: z.string().min(1).max(63),
  mode: z.enum(["value", "tag", "text"]),
  raw: z.string().max(2048).optional(),
});

export const TemplateContentSchema = z.object({
  spec: z.record(z.string(), z.unknown()),
  parameters: z.array(z.unknown()).max(100, "at most 100 parameters").default([]),
  bindings: z.array(BindingSchema).max(100).default([]),
  message: z.string().max(500, "must be at most 500 characters").default(""),
});

export type TemplateMetaInput = z.input<typeof TemplateMetaSchema>;
export type TemplateContentInput = z.input<typeof TemplateContentSchema>;
export type TemplateBinding = z.output<typeof BindingSchema>;

/** Rejects an oversized body or a flood of rows with a clear message, before parsing or rendering. */
export function assertReasonableSize(input: unknown): void {
  let bytes: number;
  try {
    bytes = JSON.stringify(input ?? null).length;
  } catch {
    throw invalid(msg("serverErrors.templates.unreadable"));
  }
  const limit = templateLimits().bytes;
  if (bytes > limit) {
    throw invalid(msg("serverErrors.templates.tooLarge", { kb: Math.round(bytes / 1024), limitKb: limit / 1024 }));
  }
  const spec = (input as { spec?: { containers?: unknown; initContainers?: unknown } } | null)?.spec;
  const errors: FieldMsgs = {};
  for (const list of ["containers", "initContainers"] as const) {
    const containers = Array.isArray(spec?.[list]) ? (spec[list] as unknown[]) : [];
    if (containers.length > SIZE_LIMITS.containers) errors[`spec.${list}`] = [msg("serverErrors.templates.tooManyContainers", { max: SIZE_LIMITS.containers })];
    containers.slice(0, SIZE_LIMITS.containers).forEach((c, i) => {
      const env = (c as { env?: unknown })?.env;
      if (Array.isArray(env) && env.length > SIZE_LIMITS.envPerContainer) {
        errors[`spec.${list}.${i}.env`] = [msg("serverErrors.templates.tooManyEnv", { count: env.length, max: SIZE_LIMITS.envPerContainer })];
      }
    });
  }
  if (Object.keys(errors).length) throw invalid(msg("serverErrors.templates.tooManyRows"), errors);
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) pushAt(errors, [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_form", issue.message);
  throw invalid(msg("errors.correctFieldsNothingSaved"), errors);
}

/**
 * The stored form of a template version: bindings applied, definitions and references checked,
 * and the spec validated with every parameter at its default. Throws `invalid` with field errors.
 */
export function buildTemplateContent(content: z.output<typeof TemplateContentSchema>): { spec: Record<string, unknown>; parameters: ParameterDefinition[] } {
  const { spec, errors } = applyBindings(content.spec, content.bindings);
  if (Object.keys(errors).length) throw invalid({ key: "errors.correctFieldsNothingSaved" }, errors);
  const issues = templateContentIssues(spec, content.parameters);
  if (issues.length) {
    const fieldErrors: FieldMsgs = {};
    for (const e of issues) pushAt<string | Msg>(fieldErrors, e.path, e.msg ?? e.message);
    const named = issues.find((e) => e.parameter);
    throw invalid(named ? msg("serverErrors.templates.reasonNothingSaved", { reason: named.msg ?? named.message }) : msg("errors.correctFieldsNothingSaved"), fieldErrors);
  }
  return { spec, parameters: content.parameters as ParameterDefinition[] };
}
