import { formatMsg, type Msg, type Translate } from "@/lib/i18n/message";
import type { Validator } from "@/lib/web/form-store";
import { createTemplateAction } from "../actions";
import { saveVersionAction } from "../[id]/actions";
import { clean } from "./clean";
import type { SummaryItem } from "./error-summary";
import type { WizardForm } from "./form-hooks";
import { loadPreview } from "./preview-loader";
import type { ParameterType } from "@/lib/manifests/params/param-schema";
import { STEPS, stepOf } from "./steps";
import { SAVE_STEP, type Binding, type WizardValues } from "./types";

// What the wizard's buttons do beyond showing things: checking a step before moving on, the YAML
// mode's way in and out, saving. Loaded with import() on the wizard's first touch (preloadRest),
// so none of it — nor the server actions' references, clean() and the message formatter — is
// part of the first load; the wizard (wizard.tsx) keeps the state and calls these.

export type Summary = { items: SummaryItem[]; message?: string };

/** The wizard's parts these need. `t`: the "wizard" messages; `tAll`: every catalogue's. */
export type Flow = { form: WizardForm; validator: Validator<WizardValues>; t: Translate; tAll: Translate; setSummary: (s: Summary) => void };

const MAX_BYTES = 1024 * 1024;

/** Every error of the form, read fresh (not from a render's state); shows none of them. */
async function currentErrors({ form, validator }: Flow): Promise<SummaryItem[]> {
  const found = await validator(form.get());
  return [...found].map(([path, message]) => ({ path, message }));
}

/** Shows these errors next to their fields (the ones the user tried to move past). */
function showErrors({ form }: Flow, items: SummaryItem[]) {
  for (const e of items) form.setError(e.path, e.message);
}

/** Going from `step` on to `target`: the first step on the way with errors (shown, with the summary), else undefined. */
export async function blockingStep(flow: Flow, step: number, target: number): Promise<number | undefined> {
  const all = await currentErrors(flow);
  for (let s = step; s < target && s < SAVE_STEP; s++) {
    const items = all.filter((e) => e.path.startsWith("spec") && stepOf(e.path) === s);
    if (items.length) {
      showErrors(flow, items);
      flow.setSummary({ items, message: flow.t("stepHasErrors", { n: s + 1, title: flow.t(`steps.${STEPS[s].id}`), count: items.length }) });
      return s;
    }
  }
  return undefined;
}

/** The app as YAML for the YAML mode, or undefined after showing why it cannot be rendered. */
export async function formYaml(flow: Flow): Promise<string | undefined> {
  const r = (await loadPreview()).renderPreview(flow.form.get("spec"));
  if ("yaml" in r) return r.yaml;
  const items = (await currentErrors(flow)).filter((e) => e.path.startsWith("spec"));
  showErrors(flow, items);
  const error = "fields" in r.error ? flow.t("yaml.needFixing", { count: r.error.fields }) : r.error.render;
  flow.setSummary({ items, message: flow.t("fixFormFirst", { error }) });
  return undefined;
}

/** Edited YAML into the form (its notes returned), or the reasons it cannot be read, in the reader's language. */
export async function applyYaml({ form, tAll }: Flow, text: string): Promise<{ errors: string[] } | { notes: string[] }> {
  // The importer (and the YAML parser under it) loads only now: not with the rest of this module.
  const { importYaml, importIssueMsg } = await import("./yaml-import");
  // In the reader's language: the importer returns message keys (importYaml.*, manifests.*).
  const show = (m: Msg) => formatMsg(tAll, m);
  const result = importYaml(text);
  if (!result.ok) return { errors: result.errors.map((e) => capitalize(show(importIssueMsg(e)))) };
  form.reset({ ...form.get<WizardValues>(), spec: result.spec });
  void form.validate();
  return { notes: [...result.warnings.map((w) => show(importIssueMsg(w))), ...result.ignored.map((i) => tAll("wizard.notImported", { kind: i.kind, name: i.name, reason: show(i.msg) }))] };
}

/** After a save attempt the validation refused: every error in the summary. */
export async function showCannotSave(flow: Flow) {
  const items = await currentErrors(flow);
  flow.setSummary({ items, message: flow.t("cannotSave", { count: items.length }) });
}

/**
 * Saves a new template, or a new version of `templateId` over `baseVersion`. Returns the page to
 * go to, or undefined after showing why it was not saved (next to the fields the server names).
 */
export async function save(flow: Flow, values: WizardValues, templateId?: string, baseVersion?: number): Promise<string | undefined> {
  const { t, form, setSummary } = flow;
  const payload = {
    name: values.meta.name,
    description: values.meta.description,
    labels: values.meta.labelsText.split(",").map((l) => l.trim()).filter(Boolean),
    visibility: values.meta.visibility,
    message: values.meta.message,
    spec: clean(values.spec),
    parameters: clean(values.parameters).map((p) => ({ ...p, description: p.description || undefined })),
    bindings: values.bindings,
    ...(templateId ? { baseVersion } : {}),
  };
  const size = JSON.stringify(payload).length;
  if (size > MAX_BYTES) {
    setSummary({ items: [], message: t("tooLarge", { kb: Math.round(size / 1024) }) });
    return undefined;
  }
  let result;
  try {
    result = templateId ? await saveVersionAction(templateId, payload) : await createTemplateAction(payload);
  } catch {
    setSummary({ items: [], message: t("serverRefused") });
    return undefined;
  }
  if (!result) return undefined;
  if (result.ok) return `/templates/${"id" in result.data ? (result.data as { id: string }).id : templateId}?saved=${result.data.version}`;
  const items: SummaryItem[] = [];
  for (const [key, messages] of Object.entries(result.fieldErrors)) {
    const path = /^(spec|parameters)(\.|$)/.test(key) ? key : key === "labels" || key.startsWith("labels.") ? "meta.labelsText" : `meta.${key}`;
    form.setError(path, messages[0]);
    items.push({ path, message: messages[0] });
  }
  setSummary({ items, message: result.message });
  return undefined;
}

/**
 * "Make this field a parameter": adds a typed parameter (default = the field's current value,
 * the tag of an image for `mode` "tag") and binds the field at `path` to it.
 */
export function makeParameter(form: WizardForm, path: string, suggested: string, type: ParameterType, mode: Binding["mode"]) {
  const current = form.get(path);
  const params = form.get<WizardValues["parameters"]>("parameters");
  let name = suggested;
  for (let n = 2; params.some((p) => p.name === name); n++) name = `${suggested}${n}`;
  let fallback: string | number | boolean | undefined = typeof current === "string" || typeof current === "number" || typeof current === "boolean" ? current : undefined;
  if (mode === "tag" && typeof current === "string") fallback = imageTag(current);
  form.setValue("parameters", [...params, { name, type, required: true, default: fallback, lockedByAdmin: false, description: "" }]);
  form.setValue("bindings", [...form.get<Binding[]>("bindings"), { path: path.replace(/^spec\./, ""), parameter: name, mode }]);
}

export function imageTag(image: string): string {
  const noDigest = image.split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(colon + 1) : "latest";
}

function capitalize(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1);
}
