import { AppSpecObject, type AppSpec } from "../model/app-spec";
import { forcedLabels } from "../naming";
import { collectRuleIssues } from "../validate/rules";
import { fromZodIssue, joinPath } from "../validate/validate-app-spec";
import { warnAboutRegeneratedFields } from "./check-regenerated";
import { classifyObjects, type IgnoredObject } from "./classify-objects";
import { ImportContext, type ImportWarning } from "./import-context";
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
    return importParsed(text);
  } catch (e) {
    // Defensive: the readers are total, but an import must never crash the page.
    return { ok: false, errors: [{ message: `could not import: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function importParsed(text: string): ImportResult {
  const parsed = parseDocuments(text);
  if (!parsed.ok) return parsed;
  const ctx = new ImportContext();
  const namespaces = new Set<string>();
  const objects = parsed.objects.map((o) => {
    const { object, namespace } = stripNoise(o);
    if (namespace !== undefined) namespaces.add(namespace);
    return object;
  });
  const roles = classifyObjects(objects);
  if ("error" in roles) return { ok: false, errors: [{ message: roles.error }], ignored: roles.ignored };
  for (const doc of parsed.notObjects) roles.ignored.push({ kind: "(not an object)", name: `document ${doc}`, reason: "not a Kubernetes object" });
  if (namespaces.size) ctx.warn(`namespace ${[...namespaces].join(", ")} was dropped: the deploy target chooses the namespace`);

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
  draft.extraObjects = roles.extraObjects.map((o) => withoutForcedLabels(o, appName));

  const result = AppSpecObject.safeParse(draft);
  if (!result.success) return { ok: false, errors: result.error.issues.slice(0, 50).map(fromZodIssue), ignored: roles.ignored };
  warnAboutRegeneratedFields(result.data, roles.headlessService, roles.service, ctx);
  for (const issue of collectRuleIssues(result.data)) ctx.warn(issue.message, joinPath(issue.path));
  return { ok: true, spec: result.data, warnings: ctx.warnings, ignored: roles.ignored };
}

function withoutForcedLabels(o: Obj, appName: string): Obj {
  const metadata = asObj(o.metadata);
  const labels = asStringMap(metadata.labels);
  for (const [k, v] of Object.entries(forcedLabels(appName))) if (labels[k] === v) delete labels[k];
  const { labels: _l, ...metaRest } = metadata;
  return { ...o, metadata: { ...metaRest, ...(compact(labels) ? { labels } : {}) } };
}
