import type * as z from "@/lib/zod";
import { AppSpecObject, type AppSpec } from "../model/app-spec";
import { forcedLabels } from "../naming";
import { collectRuleIssues } from "../validate/rules";
import { fromZodIssue, joinPath } from "../validate/validate-app-spec";
import { warnAboutRegeneratedFields } from "./check-regenerated";
import { classifyObjects, ignoredBecause, type IgnoredObject } from "./classify-objects";
import { ImportContext, importMsg, keyed, type ImportWarning } from "./import-context";
import { importIngress } from "./import-ingress";
import { importCronHpa, importHpa, takeManagedReplicas } from "./import-scaling";
import { importHeadlessService, importService } from "./import-services";
import { importStatefulSet } from "./import-statefulset";
import { parseDocuments, type ImportError } from "./parse-documents";
import { asObj, asStringMap, compact, type Obj } from "./read";
import { stripNoise } from "./strip-noise";

export type ImportResult =
  | { ok: true; spec: AppSpec; warnings: ImportWarning[]; ignored: IgnoredObject[] }
  | { ok: false; errors: ImportError[]; ignored?: IgnoredObject[] };

/**
 * Multi-document YAML (hand-kept or `kubectl get -o yaml`) → app spec.
 * Shape errors fail the import; rule violations come back as warnings so the
 * user can fix them in the form. Never throws.
 */
export function importYaml(text: string): ImportResult {
  try {
    const { json, ...result } = importParsed(text, {});
    // `kubectl get -o json` takes a fast path without positions; a failed import is re-read as YAML to name lines.
    if (!result.ok && json) {
      const { json: _j, ...again } = importParsed(text, { json: false });
      return again;
    }
    return result;
  } catch (e) {
    // Defensive: the readers are total, but an import must never crash the page.
    return { ok: false, errors: [keyed(importMsg("documents.couldNotImport", { reason: e instanceof Error ? e.message : String(e) }))] };
  }
}

function importParsed(text: string, options: { json?: boolean }): ImportResult & { json?: boolean } {
  const parsed = parseDocuments(text, options);
  if (!parsed.ok) return parsed;
  const ctx = new ImportContext(parsed.positions);
  const namespaces = new Set<string>();
  const objects = parsed.objects.map((o) => {
    const { object, namespace } = stripNoise(o);
    ctx.positions.link(object, o);
    ctx.positions.link(object.metadata, o.metadata);
    ctx.positions.link(asObj(object.metadata).annotations, asObj(o.metadata).annotations);
    if (namespace !== undefined) namespaces.add(namespace);
    return object;
  });
  const roles = classifyObjects(objects);
  if ("error" in roles) return { ok: false, errors: [keyed(roles.error)], ignored: roles.ignored };
  for (const doc of parsed.notObjects) roles.ignored.push({ kind: "(not an object)", name: `document ${doc}`, ...ignoredBecause("notAnObject") });
  if (namespaces.size) ctx.warn(importMsg("warn.namespaceDropped", { names: [...namespaces].join(", ") }));

  const draft: Obj = importStatefulSet(roles.statefulSet, ctx);
  const appName = String(draft.name);
  if (roles.headlessService) {
    const extra = importHeadlessService(roles.headlessService, appName, ctx);
    if (extra) draft.headlessServiceExtra = extra;
  }
  if (roles.service) draft.service = importService(roles.service, appName, ctx);
  if (roles.ingress) draft.ingress = importIngress(roles.ingress, appName, ctx);
  if (roles.hpa) draft.autoscaling = importHpa(roles.hpa, appName, ctx);
  if (roles.cronHpa) draft.scheduledScaling = importCronHpa(roles.cronHpa, appName, ctx);
  takeManagedReplicas(draft, asObj(roles.statefulSet.spec).replicas, ctx);
  draft.extraObjects = roles.extraObjects.map((o, i) => {
    ctx.source(`extraObjects.${i}`, o);
    checkMetadataStrings(o, `extraObjects.${i}.metadata`, ctx);
    return withoutForcedLabels(o, appName);
  });
  if (ctx.errors.length) return { ok: false, errors: ctx.errors.slice(0, MAX_ERRORS), ignored: roles.ignored, json: parsed.json };

  const result = AppSpecObject.safeParse(draft);
  if (!result.success) return { ok: false, errors: result.error.issues.slice(0, MAX_ERRORS).map((i) => zodError(i, ctx)), ignored: roles.ignored, json: parsed.json };
  warnAboutRegeneratedFields(result.data, roles.headlessService, roles.service, ctx);
  for (const issue of collectRuleIssues(result.data)) ctx.warn(issue.msg, joinPath(issue.path));
  const warnings = ctx.warnings.map((w) => ({ ...w, ...ctx.positionOf(w.path) }));
  return { ok: true, spec: result.data, warnings, ignored: roles.ignored };
}

const MAX_ERRORS = 50;

/** A shape error with the input position of its field; a string field YAML read as a boolean or number says so. */
function zodError(issue: z.core.$ZodIssue, ctx: ImportContext): ImportError {
  const { path, message, msg } = fromZodIssue(issue);
  const found = ctx.locate(path);
  const at = found ? { line: found.line, column: found.column } : {};
  const exact = found?.key !== undefined && path.endsWith(`.${found.key}`) || found?.key === path;
  if (issue.code === "invalid_type" && issue.expected === "string" && exact && found?.holder !== undefined)
    return { path, ...keyed(ctx.notAString(found.holder, found.key!)), ...at };
  return { path, message, ...(msg ? { msg } : {}), ...at };
}

/** Labels and annotations of objects kept whole must be strings too (kubectl refuses anything else). */
function checkMetadataStrings(o: Obj, path: string, ctx: ImportContext): void {
  const metadata = asObj(o.metadata);
  ctx.stringMap(metadata, "labels", `${path}.labels`);
  ctx.stringMap(metadata, "annotations", `${path}.annotations`);
}

function withoutForcedLabels(o: Obj, appName: string): Obj {
  const metadata = asObj(o.metadata);
  const labels = asStringMap(metadata.labels);
  for (const [k, v] of Object.entries(forcedLabels(appName))) if (labels[k] === v) delete labels[k];
  const { labels: _l, ...metaRest } = metadata;
  return { ...o, metadata: { ...metaRest, ...(compact(labels) ? { labels } : {}) } };
}
