import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import {
  diffSpecs, diffYamlText, formatImportIssue, importIssueMsg, importYaml, readTemplateFile, renderYaml, resolveParameters, templateFileText, type FieldChange, type ParameterDefinition,
} from "@/lib/manifests";
import { authorize, type Ctx } from "./authz";
import { AppError, invalid } from "./errors";
import { findVisibleTemplate } from "./template-access";
import { createTemplate, getTemplateVersion } from "./templates";
import { templateLimits } from "./templates-input";

// Templates in and out as files: a version's rendered manifest (kubectl-ready), the template
// itself as a `kind: BerthTemplate` document that imports back (lib/manifests/template-file.ts),
// and a diff of two versions.

export type ImportInput = { text: string; name?: string; visibility?: "private" | "team" };

/** A template file or plain Kubernetes YAML (the app's objects) → a new template, version 1. */
/** `warnings`: English; `warningMsgs`: the same notes as catalogue messages, for the console (adopt shows them). */
export type ImportResult = { id: string; version: number; warnings: string[]; warningMsgs: Msg[] };

export async function importTemplate(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
  await authorize(ctx, "template.write", { what: "template.import" });
  const text = typeof input.text === "string" ? input.text : "";
  const limit = templateLimits().bytes;
  if (text.length > limit) {
    throw invalid(msg("serverErrors.imports.yamlTooLarge", { kb: Math.round(text.length / 1024), limitKb: limit / 1024 }), {
      text: [msg("serverErrors.imports.tooLargeField", { limitKb: limit / 1024 })],
    });
  }
  if (!text.trim()) throw invalid(msg("serverErrors.imports.pasteYaml"), { text: [msg("serverErrors.imports.required")] });
  const visibility = input.visibility === "team" ? "team" : "private";
  const read = readTemplateFile(text);
  if (read && !read.ok) throw invalid(msg("serverErrors.imports.fileUnreadable", { reason: importIssueMsg(read.errors[0]) }), { text: read.errors.map((e) => importIssueMsg(e)) });
  if (read) {
    const file = read.file;
    const created = await createTemplate(ctx, {
      name: input.name?.trim() || file.name, description: file.description, labels: file.labels, visibility,
      spec: file.spec, parameters: file.parameters, message: "Imported from a template file",
    }, "template.import");
    return { ...created, warnings: [], warningMsgs: [] };
  }
  return importAppObjects(ctx, { text, name: input.name, visibility, message: "Imported from YAML" }, "template.import");
}

/** Plain Kubernetes YAML (one app's objects) → a new template through the importer (size-checked, audited). */
export async function importAppObjects(
  ctx: Ctx, input: { text: string; name?: string; visibility: "private" | "team"; message: string },
  action: "template.import" | "template.adopt", detail: Record<string, unknown> = {},
): Promise<ImportResult> {
  const limit = templateLimits().bytes;
  if (input.text.length > limit) throw invalid(msg("serverErrors.imports.objectsTooLarge", { kb: Math.round(input.text.length / 1024), limitKb: limit / 1024 }), { text: [msg("serverErrors.imports.tooLargeField", { limitKb: limit / 1024 })] });
  const imported = importYaml(input.text);
  if (!imported.ok) {
    // Keys, so the import page shows each line in the reader's language (the API gets the English).
    const lines = imported.errors.map((e) => importIssueMsg(e));
    throw invalid(msg("serverErrors.imports.yamlNotImported", { reason: lines[0] }), { text: lines });
  }
  const created = await createTemplate(ctx, {
    name: input.name?.trim() || imported.spec.name, visibility: input.visibility, spec: imported.spec as unknown as Record<string, unknown>,
    parameters: [], message: input.message,
  }, action, detail).catch((e: unknown) => {
    // Name the first field the template refuses (the form's field errors are not on this page).
    const first = e instanceof AppError ? Object.entries(e.fieldErrors)[0] : undefined;
    if (e instanceof AppError && e.code === "invalid" && first) throw invalid(msg("serverErrors.imports.notValidTemplate", { field: first[0], reason: e.fieldMsgs[first[0]]?.[0] ?? first[1][0] }), e.fieldMsgs);
    throw e;
  });
  return {
    ...created,
    warnings: [...imported.warnings.map(formatImportIssue), ...imported.ignored.map((i) => `${i.kind} ${i.name} ignored: ${i.reason}`)],
    warningMsgs: [...imported.warnings.map((w) => importIssueMsg(w)), ...imported.ignored.map((i) => msg("importYaml.objects.notImported", { kind: i.kind, name: i.name, reason: i.msg }))],
  };
}

/** The template version as a file that `importTemplate` reads back. */
export async function exportTemplateFile(ctx: Ctx, templateId: string, version?: number): Promise<{ filename: string; text: string }> {
  const actor = await authorize(ctx, "team.read");
  const t = await findVisibleTemplate(actor, templateId);
  const v = await getTemplateVersion(ctx, templateId, version);
  const text = templateFileText({ name: t.name, description: t.description, labels: t.labels, version: v.version }, v.spec, v.parameters);
  return { filename: `${slug(t.name)}-v${v.version}.berth.yaml`, text };
}

/** A version rendered with the given parameter values (defaults for the rest). */
export async function exportRenderedYaml(ctx: Ctx, templateId: string, version?: number, values: Record<string, unknown> = {}): Promise<{ filename: string; text: string }> {
  const v = await getTemplateVersion(ctx, templateId, version);
  const text = renderVersion(v.spec, v.parameters, values);
  const name = String((v.spec as { name?: unknown }).name ?? "app");
  return { filename: `${slug(name)}-v${v.version}.yaml`, text };
}

export type VersionComparison = { from: number; to: number; changes: FieldChange[]; yamlDiff: string; parameterChanges: FieldChange[] };

export async function compareTemplateVersions(ctx: Ctx, templateId: string, from: number, to: number): Promise<VersionComparison> {
  const [a, b] = await Promise.all([getTemplateVersion(ctx, templateId, from), getTemplateVersion(ctx, templateId, to)]);
  const specA = resolveParameters({ spec: a.spec, parameters: a.parameters }, {});
  const specB = resolveParameters({ spec: b.spec, parameters: b.parameters }, {});
  const changes = diffSpecs(a.spec as never, b.spec as never);
  const yamlDiff = diffYamlText(
    specA.ok ? renderYaml(specA.spec) : "# version cannot be rendered with its defaults\n",
    specB.ok ? renderYaml(specB.spec) : "# version cannot be rendered with its defaults\n",
    `v${a.version}.yaml`, `v${b.version}.yaml`,
  );
  const parameterChanges = diffSpecs({ parameters: a.parameters } as never, { parameters: b.parameters } as never);
  return { from: a.version, to: b.version, changes, yamlDiff, parameterChanges };
}

function renderVersion(spec: Record<string, unknown>, parameters: ParameterDefinition[], values: Record<string, unknown>): string {
  const resolved = resolveParameters({ spec, parameters }, values);
  if (!resolved.ok) throw invalid(resolved.errors[0].message, Object.fromEntries(resolved.errors.map((e) => [e.path, [e.message]])));
  return renderYaml(resolved.spec);
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "template";
}
