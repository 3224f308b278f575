"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useMemo, useState, useTransition, type ReactNode } from "react";
import { useUnsavedChangesWarning } from "@/app/_components/unsaved-changes";
import type { Translate } from "@/lib/i18n/message";
import { createFormStore } from "@/lib/web/form-store";
import type { Flow, Summary } from "./flow";
import { FormContext, useIsDirty } from "./form-hooks";
import { loadResolver, makeWizardResolver } from "./lazy-resolver";
import type { Preview } from "./preview";
import { useManagedReplicasSync } from "./replicas-field";
import { StepBasic } from "./step-basic";
import { Stepper } from "./stepper";
import { SAVE_STEP, STEP_IDS, type WizardValues } from "./types";
import { scrollPane } from "./pane-scroll";

// The first load is step 1, with the YAML pane and the StatefulSet facts rendered by the server.
// The rest of the wizard (later.ts: steps 2–3, the save step, the error summary, the live pane and
// facts, and what the buttons do, flow.ts), the validation (resolver.ts), the renderer
// (preview.ts) and the pane's field locator load with import(): all of them as soon as the user
// first touches the form (preloadRest), each one when it is needed first if that comes sooner.
// The YAML mode (CodeMirror) loads when it opens. React.lazy rather than next/dynamic: none of
// these is rendered on the server, and next/dynamic's own code would be part of the first load.
const loadLater = () => import("./later");
const loadFlow = () => loadLater().then((m) => m.flow);
const StepContainers = lazy(() => loadLater().then((m) => ({ default: m.StepContainers })));
const StepAdvanced = lazy(() => loadLater().then((m) => ({ default: m.StepAdvanced })));
const SavePanel = lazy(() => loadLater().then((m) => ({ default: m.SavePanel })));
const ErrorSummary = lazy(() => loadLater().then((m) => ({ default: m.ErrorSummary })));
const YamlPreview = lazy(() => loadLater().then((m) => ({ default: m.YamlPreview })));
const IdentityFacts = lazy(() => loadLater().then((m) => ({ default: m.IdentityFacts })));
const ImportNotes = lazy(() => loadLater().then((m) => ({ default: m.ImportNotes })));
const YamlView = lazy(() => import("./yaml-view").then((m) => ({ default: m.YamlView })));

let preloaded = false;
function preloadRest() {
  if (preloaded) return;
  preloaded = true;
  void loadResolver().catch(() => {});
  void loadLater().then((m) => Promise.all([m.loadPreview(), m.loadLocator()])).catch(() => {});
}

function Loading({ editor }: { editor?: boolean }) {
  const t = useTranslations("wizard");
  return <p className="text-sm text-slate-500">{t(editor ? "loadingEditor" : "loadingStep")}</p>;
}

/**
 * `initialPreview`: the server's rendering of `initial.spec` (the preview until the spec changes).
 * `staticPreview`, `staticFacts`: the YAML pane and the StatefulSet facts of `initial.spec` as the
 * server rendered them (first-view.tsx); they stay until the spec changes, a field is focused or
 * the step changes, and the live ones (loaded with import()) take their place.
 */
type Props = {
  mode: "create" | "edit"; templateId?: string; baseVersion?: number; initial: WizardValues; initialPreview: Preview; canLock: boolean;
  staticPreview: ReactNode; staticFacts: ReactNode;
};

/** The three-step wizard (plus the save step), with the live YAML beside it and a YAML mode. */
export function Wizard({ mode, templateId, baseVersion, initial, initialPreview, canLock, staticPreview, staticFacts }: Props) {
  const router = useRouter();
  const t = useTranslations("wizard");
  const tAll = useTranslations();
  // Errors appear while the user changes a field or after an attempt to go on (Next, Save), never
  // on blur: a message that appears or disappears on blur moves the button being clicked (the
  // mousedown blurs the field, the mouseup lands elsewhere, and the click is lost).
  const [validator] = useState(() => makeWizardResolver(tAll as unknown as Translate));
  const [form] = useState(() => createFormStore(initial, validator));
  const [step, setStep] = useState(0);
  const [view, setView] = useState<"form" | "yaml">("form");
  const [yamlText, setYamlText] = useState("");
  const [yamlBase, setYamlBase] = useState("");
  const [yamlErrors, setYamlErrors] = useState<string[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [summary, setSummary] = useState<Summary>({ items: [] });
  const [pending, startTransition] = useTransition();
  const [focusPath, setFocusPath] = useState<string | undefined>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const changed = () => form.get("spec") !== initial.spec && setLive(true);
    changed();
    return form.subscribe(changed);
  }, [form, initial]);
  useManagedReplicasSync(form);
  const dirty = useIsDirty(form) || (view === "yaml" && yamlText !== yamlBase);
  const initialJson = useMemo(() => JSON.stringify(initial.spec), [initial]);
  const guard = useUnsavedChangesWarning(dirty, t("leaveWarning"));

  const flow: Flow = { form, validator, t: t as unknown as Translate, tAll: tAll as unknown as Translate, setSummary };

  /** An error summary's link: the field's step, then the field (error-summary.tsx focuses it). */
  const showStep = (target: number) => {
    setView("form");
    setStep(target);
  };

  async function goTo(target: number) {
    if (target > step) {
      const blocked = await (await loadFlow()).blockingStep(flow, step, target);
      if (blocked !== undefined) return setStep(blocked);
    }
    setSummary({ items: [] });
    setLive(true);
    setStep(target);
    window.scrollTo({ top: 0 });
  }

  async function toYaml() {
    const yaml = await (await loadFlow()).formYaml(flow);
    if (yaml === undefined) return;
    setYamlText(yaml);
    setYamlBase(yaml);
    setYamlErrors([]);
    setView("yaml");
  }

  async function toForm() {
    if (yamlText === yamlBase) return setView("form");
    const result = await (await loadFlow()).applyYaml(flow, yamlText);
    if ("errors" in result) return setYamlErrors(result.errors);
    setNotes(result.notes);
    setYamlErrors([]);
    setView("form");
  }

  const onValid = (values: WizardValues) =>
    startTransition(async () => {
      const next = await (await loadFlow()).save(flow, values, mode === "edit" ? templateId : undefined, baseVersion);
      if (next) {
        guard.release();
        router.push(next);
      }
    });

  return (
    <FormContext.Provider value={form}>
      <form
        noValidate
        onPointerDown={preloadRest}
        onFocus={(e) => {
          preloadRest();
          // The YAML pane follows the field being edited (its registered name, or the path a row editor names).
          const el = e.target as HTMLElement;
          const path = el.getAttribute("name") || el.closest("[data-path]")?.getAttribute("data-path");
          if (path?.startsWith("spec.")) {
            setFocusPath(path);
            setLive(true);
          }
        }}
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(onValid, async () => (await loadFlow()).showCannotSave(flow));
        }} className="space-y-4" aria-label={mode === "edit" ? t("editTemplate") : t("newApplication")}>
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
        {summary.items.length || summary.message ? (
          <Suspense fallback={null}>
            <ErrorSummary items={summary.items} message={summary.message} showStep={showStep} />
          </Suspense>
        ) : null}
        {notes.length ? (
          <Suspense fallback={null}>
            <ImportNotes notes={notes} />
          </Suspense>
        ) : null}
        {view === "yaml" ? (
          <Suspense fallback={<Loading editor />}>
            <YamlView text={yamlText} errors={yamlErrors} onChange={setYamlText} onApply={() => void toForm()} onDiscard={() => { setView("form"); setYamlErrors([]); }} />
          </Suspense>
        ) : (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] 2xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
            <div className="min-w-0 space-y-4">
              <h2 className="text-base font-semibold" id="step-title">
                {step < SAVE_STEP ? t("stepOf", { n: step + 1, title: t(`steps.${STEP_IDS[step]}`) }) : t("steps.save")}
              </h2>
              {step === 0 ? <StepBasic facts={live ? <Suspense fallback={staticFacts}><IdentityFacts /></Suspense> : staticFacts} /> : null}
              <Suspense fallback={<Loading />}>
                {step === 1 ? <StepContainers /> : null}
                {step === 2 ? <StepAdvanced /> : null}
                {step === SAVE_STEP ? <SavePanel editing={mode === "edit"} canLock={canLock} /> : null}
              </Suspense>
              <div className="flex justify-between gap-2 border-t border-slate-200 pt-4">
                <button type="button" className="btn-secondary" disabled={step === 0} onClick={() => void goTo(step - 1)}>
                  {t("back")}
                </button>
                {step < SAVE_STEP ? (
                  // Distinct keys: React must not turn this very button into the submit button mid-click.
                  <button key="next" type="button" className="btn-primary" onClick={() => void goTo(step + 1)}>
                    {step === 2 ? t("nextSave") : t("next", { title: t(`steps.${STEP_IDS[step + 1]}`) })}
                  </button>
                ) : (
                  <button key="save" type="submit" className="btn-primary" disabled={pending} aria-busy={pending}>
                    {pending ? t("saving") : mode === "edit" ? t("saveVersion") : t("saveTemplate")}
                  </button>
                )}
              </div>
            </div>
            <div
              className="min-w-0 lg:sticky lg:top-4 lg:self-start"
              onClick={(e) => {
                // the server-rendered pane's object buttons (the live pane handles its own)
                const doc = (e.target as HTMLElement).closest("[data-jump]")?.getAttribute("data-jump");
                const pre = e.currentTarget.querySelector("pre");
                if (!live && doc) scrollPane(pre, pre?.querySelector<HTMLElement>(`[data-doc="${doc}"]`), 12);
              }}
            >
              {live ? (
                <Suspense fallback={staticPreview}>
                  <YamlPreview initial={initialPreview} initialJson={initialJson} focusKind={step === 2 ? "Ingress" : "StatefulSet"} focusPath={focusPath} />
                </Suspense>
              ) : (
                staticPreview
              )}
            </div>
          </div>
        )}
      </form>
    </FormContext.Provider>
  );
}
