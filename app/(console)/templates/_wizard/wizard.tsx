"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { FormProvider, useForm, type FieldPath } from "react-hook-form";
import { useUnsavedChangesWarning } from "@/app/_components/unsaved-changes";
import { formatMsg, type Msg, type Translate } from "@/lib/i18n/message";
import { createTemplateAction } from "../actions";
import { saveVersionAction } from "../[id]/actions";
import { clean, flattenErrors } from "./clean";
import { ErrorSummary, type SummaryItem } from "./error-summary";
import { loadResolver, makeWizardResolver } from "./lazy-resolver";
import type { Preview } from "./preview";
import { useManagedReplicasSync } from "./replicas-field";
import { StepBasic } from "./step-basic";
import { Stepper } from "./stepper";
import { STEPS, fieldId, stepOf, type WizardValues } from "./types";
import { loadPreview, usePreviewErrorText, YamlPreview } from "./yaml-pane";

// The first load is step 1 with the server-rendered preview. Steps 2–3, the save step, the
// validation (resolver.ts) and the renderer (preview.ts) load with import(): all of them as soon as
// the user first touches the form (preloadRest), each one on its own when it is needed first.
const loadContainers = () => import("./step-containers");
const loadAdvanced = () => import("./step-advanced");
const loadSavePanel = () => import("./save-panel");
const StepContainers = dynamic(() => loadContainers().then((m) => m.StepContainers), { loading: () => <Loading /> });
const StepAdvanced = dynamic(() => loadAdvanced().then((m) => m.StepAdvanced), { loading: () => <Loading /> });
const SavePanel = dynamic(() => loadSavePanel().then((m) => m.SavePanel), { loading: () => <Loading /> });
const YamlEditor = dynamic(() => import("./yaml-editor"), { ssr: false, loading: () => <Loading editor /> });

let preloaded = false;
function preloadRest() {
  if (preloaded) return;
  preloaded = true;
  for (const load of [loadResolver, loadPreview, loadContainers, loadAdvanced, loadSavePanel]) void load().catch(() => {});
}

function Loading({ editor }: { editor?: boolean }) {
  const t = useTranslations("wizard");
  return <p className="text-sm text-slate-500">{t(editor ? "loadingEditor" : "loadingStep")}</p>;
}

const MAX_BYTES = 1024 * 1024;
const SAVE_STEP = 3;

/** `initialPreview`: the server's rendering of `initial.spec` (the preview until the spec changes). */
type Props = { mode: "create" | "edit"; templateId?: string; baseVersion?: number; initial: WizardValues; initialPreview: Preview; canLock: boolean };

/** The three-step wizard (plus the save step), with the live YAML beside it and a YAML mode. */
export function Wizard({ mode, templateId, baseVersion, initial, initialPreview, canLock }: Props) {
  const router = useRouter();
  const t = useTranslations("wizard");
  const tAll = useTranslations();
  const previewErrorText = usePreviewErrorText();
  const wizardResolver = useMemo(() => makeWizardResolver((m) => formatMsg(tAll as unknown as Translate, m)), [tAll]);
  // Errors appear while the user changes a field or after an attempt to go on (Next, Save), never
  // on blur: a message that appears or disappears on blur moves the button being clicked (the
  // mousedown blurs the field, the mouseup lands elsewhere, and the click is lost).
  const form = useForm<WizardValues>({ defaultValues: initial, resolver: wizardResolver, mode: "onChange", reValidateMode: "onChange", shouldFocusError: false });
  const [step, setStep] = useState(0);
  const [view, setView] = useState<"form" | "yaml">("form");
  const [yamlText, setYamlText] = useState("");
  const [yamlBase, setYamlBase] = useState("");
  const [yamlErrors, setYamlErrors] = useState<string[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [summary, setSummary] = useState<{ items: SummaryItem[]; message?: string }>({ items: [] });
  const [pending, startTransition] = useTransition();
  const [focusPath, setFocusPath] = useState<string | undefined>();
  useManagedReplicasSync(form.control, form.setValue);
  // react-hook-form reports isDirty together with the validation's result, and the validation code
  // loads on the first change: the values subscription sees the change at once, so leaving right
  // after a first edit still asks.
  const [valuesDirty, setValuesDirty] = useState(false);
  useEffect(() => form.subscribe({ formState: { values: true }, callback: (s) => setValuesDirty(!!s.isDirty) }), [form]);
  const dirty = form.formState.isDirty || valuesDirty || (view === "yaml" && yamlText !== yamlBase);
  const initialJson = useMemo(() => JSON.stringify(initial.spec), [initial]);
  const guard = useUnsavedChangesWarning(dirty, t("leaveWarning"));

  const focusField = (path: string) => {
    const target = path.startsWith("spec") ? stepOf(path) : SAVE_STEP;
    setView("form");
    setStep(target);
    setTimeout(() => {
      const el = document.getElementById(fieldId(path)) ?? document.querySelector<HTMLElement>(`[id^="${fieldId(path)}"]`);
      el?.scrollIntoView({ block: "center" });
      el?.focus();
    }, 50);
  };

  /** Every error of the form, read fresh (not from a render's state); shows none of them. */
  async function currentErrors(): Promise<SummaryItem[]> {
    const result = await wizardResolver(form.getValues(), undefined, { fields: {}, shouldUseNativeValidation: false });
    return flattenErrors(result.errors);
  }

  /** Shows these errors next to their fields (the ones the user tried to move past). */
  function showErrors(items: SummaryItem[]) {
    for (const e of items) form.setError(e.path as FieldPath<WizardValues>, { type: "validate", message: e.message });
  }

  async function goTo(target: number) {
    if (target > step) {
      const all = await currentErrors();
      for (let s = step; s < target && s < SAVE_STEP; s++) {
        const items = all.filter((e) => e.path.startsWith("spec") && stepOf(e.path) === s);
        if (items.length) {
          showErrors(items);
          setStep(s);
          setSummary({ items, message: t("stepHasErrors", { n: s + 1, title: t(`steps.${STEPS[s].id}`), count: items.length }) });
          return;
        }
      }
    }
    setSummary({ items: [] });
    setStep(target);
    window.scrollTo({ top: 0 });
  }

  async function toYaml() {
    const { renderPreview } = await loadPreview();
    const r = renderPreview(form.getValues("spec"));
    if ("error" in r) {
      const items = (await currentErrors()).filter((e) => e.path.startsWith("spec"));
      showErrors(items);
      setSummary({ items, message: t("fixFormFirst", { error: previewErrorText(r.error) }) });
      return;
    }
    setYamlText(r.yaml);
    setYamlBase(r.yaml);
    setYamlErrors([]);
    setView("yaml");
  }

  async function toForm() {
    if (yamlText === yamlBase) {
      setView("form");
      return;
    }
    // The importer (and the YAML parser under it) loads only when edited YAML is applied: it is not
    // part of the wizard's first load.
    const { importYaml, importIssueMsg } = await import("./yaml-import");
    // In the reader's language: the importer returns message keys (importYaml.*, manifests.*).
    const show = (m: Msg) => formatMsg(tAll as unknown as Translate, m);
    const result = importYaml(yamlText);
    if (!result.ok) {
      setYamlErrors(result.errors.map((e) => capitalize(show(importIssueMsg(e)))));
      return;
    }
    form.reset({ ...form.getValues(), spec: result.spec }, { keepDefaultValues: true });
    setNotes([...result.warnings.map((w) => show(importIssueMsg(w))), ...result.ignored.map((i) => t("notImported", { kind: i.kind, name: i.name, reason: show(i.msg) }))]);
    setYamlErrors([]);
    setView("form");
    void form.trigger();
  }

  const onInvalid = async () => {
    const items = await currentErrors();
    setSummary({ items, message: t("cannotSave", { count: items.length }) });
  };

  const onValid = (values: WizardValues) => {
    const payload = {
      name: values.meta.name,
      description: values.meta.description,
      labels: values.meta.labelsText.split(",").map((l) => l.trim()).filter(Boolean),
      visibility: values.meta.visibility,
      message: values.meta.message,
      spec: clean(values.spec),
      parameters: clean(values.parameters).map((p) => ({ ...p, description: p.description || undefined })),
      bindings: values.bindings,
      ...(mode === "edit" ? { baseVersion } : {}),
    };
    const size = JSON.stringify(payload).length;
    if (size > MAX_BYTES) {
      setSummary({ items: [], message: t("tooLarge", { kb: Math.round(size / 1024) }) });
      return;
    }
    startTransition(async () => {
      let result;
      try {
        result = mode === "edit" && templateId ? await saveVersionAction(templateId, payload) : await createTemplateAction(payload);
      } catch {
        setSummary({ items: [], message: t("serverRefused") });
        return;
      }
      if (!result) return;
      if (result.ok) {
        guard.release();
        const id = "id" in result.data ? (result.data as { id: string }).id : templateId;
        router.push(`/templates/${id}?saved=${result.data.version}`);
        return;
      }
      const items: SummaryItem[] = [];
      for (const [key, messages] of Object.entries(result.fieldErrors)) {
        const path = /^(spec|parameters)(\.|$)/.test(key) ? key : key === "labels" || key.startsWith("labels.") ? "meta.labelsText" : `meta.${key}`;
        form.setError(path as FieldPath<WizardValues>, { type: "server", message: messages[0] });
        items.push({ path, message: messages[0] });
      }
      setSummary({ items, message: result.message });
    });
  };

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onPointerDown={preloadRest}
        onFocus={(e) => {
          preloadRest();
          // The YAML pane follows the field being edited (its registered name, or the path a row editor names).
          const el = e.target as HTMLElement;
          const path = el.getAttribute("name") || el.closest("[data-path]")?.getAttribute("data-path");
          if (path?.startsWith("spec.")) setFocusPath(path);
        }}
        onSubmit={form.handleSubmit(onValid, onInvalid)} className="space-y-4" aria-label={mode === "edit" ? t("editTemplate") : t("newApplication")}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Stepper step={step} onGo={(s) => void goTo(s)} disabled={view === "yaml"} />
          <div role="group" aria-label={t("editingMode")} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
            <button type="button" aria-pressed={view === "form"} className={`rounded px-3 py-1 text-sm ${view === "form" ? "bg-brand-600 text-white" : ""}`} onClick={() => (view === "yaml" ? void toForm() : undefined)}>
              {t("form")}
            </button>
            <button type="button" aria-pressed={view === "yaml"} className={`rounded px-3 py-1 text-sm ${view === "yaml" ? "bg-brand-600 text-white" : ""}`} onClick={() => (view === "form" ? void toYaml() : undefined)}>
              YAML
            </button>
          </div>
        </div>
        <ErrorSummary items={summary.items} message={summary.message} onGo={focusField} />
        {notes.length ? (
          <div role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            <p className="font-medium">{t("importNotes")}</p>
            <ul className="list-disc pl-5">
              {notes.slice(0, 10).map((n) => <li key={n}>{n}</li>)}
            </ul>
          </div>
        ) : null}
        {view === "yaml" ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{t("yamlHelp")}</p>
            {yamlErrors.length ? (
              <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="yaml-errors">
                <p className="font-semibold">{t("yamlUnreadable")}</p>
                <ul className="list-disc pl-5">{yamlErrors.map((e) => <li key={e}>{e}</li>)}</ul>
              </div>
            ) : null}
            <YamlEditor value={yamlText} onChange={setYamlText} />
            <div className="flex gap-2">
              <button type="button" className="btn-primary" onClick={() => void toForm()}>
                {t("applyYaml")}
              </button>
              <button type="button" className="btn-secondary" onClick={() => { setView("form"); setYamlErrors([]); }}>
                {t("discardYaml")}
              </button>
            </div>
          </div>
        ) : (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] 2xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
            <div className="min-w-0 space-y-4">
              <h2 className="text-base font-semibold" id="step-title">
                {step < SAVE_STEP ? t("stepOf", { n: step + 1, title: t(`steps.${STEPS[step].id}`) }) : t("steps.save")}
              </h2>
              {step === 0 ? <StepBasic /> : null}
              {step === 1 ? <StepContainers /> : null}
              {step === 2 ? <StepAdvanced /> : null}
              {step === SAVE_STEP ? <SavePanel editing={mode === "edit"} canLock={canLock} /> : null}
              <div className="flex justify-between gap-2 border-t border-slate-200 pt-4">
                <button type="button" className="btn-secondary" disabled={step === 0} onClick={() => void goTo(step - 1)}>
                  {t("back")}
                </button>
                {step < SAVE_STEP ? (
                  // Distinct keys: React must not turn this very button into the submit button mid-click.
                  <button key="next" type="button" className="btn-primary" onClick={() => void goTo(step + 1)}>
                    {step === 2 ? t("nextSave") : t("next", { title: t(`steps.${STEPS[step + 1].id}`) })}
                  </button>
                ) : (
                  <button key="save" type="submit" className="btn-primary" disabled={pending} aria-busy={pending}>
                    {pending ? t("saving") : mode === "edit" ? t("saveVersion") : t("saveTemplate")}
                  </button>
                )}
              </div>
            </div>
            <div className="min-w-0 lg:sticky lg:top-4 lg:self-start">
              <YamlPreview initial={initialPreview} initialJson={initialJson} focusKind={step === 2 ? "Ingress" : "StatefulSet"} focusPath={focusPath} />
            </div>
          </div>
        )}
      </form>
    </FormProvider>
  );
}

function capitalize(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1);
}
