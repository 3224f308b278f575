import "server-only";
import { msg } from "@/lib/i18n/message";
import type { KubernetesObject } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { emitYamlDocuments, renderApp, resolveParameters, type ParameterDefinition, type ParameterValue } from "@/lib/manifests";
import { pushAt, setOwn } from "@/lib/manifests/plain-object";
import { authorize, type Actor, type Ctx } from "./authz";
import { db } from "./db";
import type { Msg } from "@/lib/i18n/message";
import { invalid, notFound, type FieldMsgs } from "./errors";
import { findVisibleTemplate, visibleTemplatesWhere } from "./template-access";
import { templateLimits } from "./templates-input";

// What a deploy applies: rendered on the server from a stored, immutable template version and
// the user's parameter values (never YAML from the browser), or a stored record's manifest.
export type Bundle = {
  appName: string;
  objects: KubernetesObject[];
  manifest: string;
  templateId: string | null;
  templateVersionId: string | null;
  parameters: Record<string, ParameterValue>;
};

export type DeployableVersion = {
  templateId: string;
  templateName: string;
  versions: number[];
  version: number;
  appName: string;
  parameters: ParameterDefinition[];
};

export async function loadDeployableVersion(ctx: Ctx, templateId: string, version?: number): Promise<DeployableVersion> {
  const actor = await authorize(ctx, "team.read");
  const template = await findVisibleTemplate(actor, templateId);
  // The version picker needs the numbers only; the content is read for the chosen version alone.
  const versions = await db().templateVersion.findMany({ where: { templateId }, select: { version: true }, orderBy: { version: "desc" }, take: templateLimits().versions });
  const wanted = version ?? template.latestVersion;
  const chosen = await db().templateVersion.findUnique({ where: { templateId_version: { templateId, version: wanted } }, select: { version: true, spec: true, parameters: true } });
  if (!chosen) throw notFound(msg("serverErrors.what.versionOfTemplate", { version: version ?? wanted }));
  const spec = chosen.spec as { name?: unknown };
  return {
    templateId,
    templateName: template.name,
    versions: versions.map((v) => v.version),
    version: chosen.version,
    appName: typeof spec.name === "string" ? spec.name : "",
    parameters: chosen.parameters as ParameterDefinition[],
  };
}

export async function listDeployableTemplates(ctx: Ctx): Promise<Array<{ id: string; name: string; latestVersion: number }>> {
  const actor = await authorize(ctx, "team.read");
  return db().template.findMany({
    where: { ...visibleTemplatesWhere(actor), archivedAt: null, latestVersion: { gt: 0 } },
    select: { id: true, name: true, latestVersion: true },
    orderBy: { name: "asc" },
  });
}

/** The render of a version with parameter values, for a reader (the API's render): what a deploy of it would apply. */
export async function renderForReader(ctx: Ctx, templateId: string, version: number | "latest", raw: Record<string, string>): Promise<Bundle & { templateName: string; version: number }> {
  const actor = await authorize(ctx, "team.read");
  const template = await findVisibleTemplate(actor, templateId);
  const wanted = version === "latest" ? template.latestVersion : version;
  return { ...(await renderTemplateVersion(actor, template.id, wanted, raw)), templateName: template.name, version: wanted };
}

/** Renders a template version with form values (strings, typed by the parameter definitions). */
export async function renderTemplateVersion(actor: Actor, templateId: string, version: number, raw: Record<string, string>): Promise<Bundle> {
  const template = await findVisibleTemplate(actor, templateId);
  if (template.archivedAt) throw invalid(msg("serverErrors.deployments.archivedNoDeploy"));
  const row = await db().templateVersion.findUnique({ where: { templateId_version: { templateId, version } } });
  if (!row) throw notFound(msg("serverErrors.what.versionOfTemplate", { version }));
  const defs = row.parameters as ParameterDefinition[];
  const result = resolveParameters({ spec: row.spec as Record<string, unknown>, parameters: defs }, typedValues(defs, raw));
  if (!result.ok) {
    // Keys, so the parameter fields show them in the reader's language (the API gets the English).
    const fieldErrors: FieldMsgs = {};
    for (const e of result.errors) pushAt<string | Msg>(fieldErrors, e.parameter ? `values.${e.parameter}` : "_form", e.msg ?? e.message);
    throw invalid(msg("serverErrors.deployments.invalidParameters"), fieldErrors);
  }
  const objects = renderApp(result.spec);
  return { appName: result.spec.name, objects, manifest: emitYamlDocuments(objects), templateId, templateVersionId: row.id, parameters: result.values };
}

/** Form values are strings: integers and booleans become typed; empty means "use the default". */
export function typedValues(defs: ParameterDefinition[], raw: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === "") continue;
    const def = defs.find((d) => d.name === name);
    // A form field named "__proto__" stays an own key, so resolveValues names it as unknown.
    if (def?.type === "integer" && /^-?\d+$/.test(value.trim())) setOwn(out, name, Number(value.trim()));
    else if (def?.type === "boolean" && ["true", "false", "on"].includes(value)) setOwn(out, name, value !== "false");
    else setOwn(out, name, value);
  }
  return out;
}

/** The objects of a stored manifest (multi-document YAML written by emitYamlDocuments). */
export function parseManifest(manifest: string): KubernetesObject[] {
  return parseAllDocuments(manifest)
    .map((d) => d.toJSON() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o !== null && typeof o === "object");
}
