"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { yamlLinesFor } from "@/lib/manifests/yaml-locate";
import type { Preview, PreviewError } from "./preview";
import type { WizardValues } from "./types";

/** The preview's renderer (zod + lib/manifests/render), loaded when the spec first changes. */
let renderer: typeof import("./preview") | undefined;
export const loadPreview = async () => (renderer ??= await import("./preview"));

/** A preview error in the reader's language. */
export function usePreviewErrorText(): (e: PreviewError) => string {
  const t = useTranslations("wizard.yaml");
  return (e) => ("fields" in e ? t("needFixing", { count: e.fields }) : e.render);
}

/** `kind name` of each document, for the jump links. */
function documents(yaml: string): { kind: string; name: string; text: string }[] {
  return yaml.split(/^---\n/m).map((text) => ({
    kind: /^kind: (.+)$/m.exec(text)?.[1] ?? "",
    name: /^metadata:\n(?:\s+.*\n)*?\s{2}name: (.+)$/m.exec(text)?.[1] ?? "",
    text,
  }));
}

/**
 * The rendered manifest, updated as the user types (debounced); the last good one stays on errors.
 * `initial`: the server's rendering of the spec whose JSON is `initialJson` (the form's first one).
 * `focusKind`: the object the current step is about; the pane scrolls to it when the step changes.
 * `focusPath`: the form field being edited; its lines are highlighted and scrolled into view.
 */
export function YamlPreview({ initial, initialJson, focusKind, focusPath }: { initial: Preview; initialJson: string; focusKind?: string; focusPath?: string }) {
  const t = useTranslations("wizard.yaml");
  const errorText = usePreviewErrorText();
  const spec = useWatch<WizardValues, "spec">({ name: "spec" });
  const pre = useRef<HTMLPreElement>(null);
  const jump = (i: number) => {
    const el = pre.current?.querySelector<HTMLElement>(`[data-doc="${i}"]`);
    if (pre.current && el) pre.current.scrollTop += el.getBoundingClientRect().top - pre.current.getBoundingClientRect().top - 12;
  };
  const [state, setState] = useState<{ yaml: string; error?: PreviewError }>(() => {
    // The pane mounts again after the YAML view: by then the spec may differ and the renderer is loaded.
    const r = JSON.stringify(spec) === initialJson ? initial : renderer?.renderPreview(spec);
    return !r ? { yaml: "" } : "yaml" in r ? { yaml: r.yaml } : { yaml: "", error: r.error };
  });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const show = (r: Preview) => setState((prev) => ("yaml" in r ? { yaml: r.yaml } : { yaml: prev.yaml, error: r.error }));
      // The server rendered the first spec: the renderer loads only once the user changes it.
      if (JSON.stringify(spec) === initialJson) return show(initial);
      void loadPreview().then(({ renderPreview }) => {
        if (live) show(renderPreview(spec));
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [spec, initial, initialJson]);
  const docs = documents(state.yaml);
  const focusIndex = docs.findIndex((d) => d.kind === focusKind);
  useEffect(() => {
    if (focusIndex >= 0) jump(focusIndex);
    // only when the step (focus) changes, not on every keystroke
  }, [focusKind]);
  const focus = focusPath ? yamlLinesFor(state.yaml, focusPath, typeof spec?.name === "string" ? spec.name : "") : null;
  useEffect(() => {
    const el = pre.current?.querySelector<HTMLElement>("[data-focus-start]");
    if (pre.current && el) pre.current.scrollTop += el.getBoundingClientRect().top - pre.current.getBoundingClientRect().top - 48;
    // when the field (or its lines) change
  }, [focusPath, focus?.from]);
  let line = 0;
  return (
    <section aria-label={t("live")} className="card flex max-h-[calc(100vh-7rem)] flex-col overflow-hidden">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold">{t("whatWillBeCreated")}</h2>
        <span className="text-xs text-slate-500">kubectl apply -f</span>
      </div>
      {state.error ? (
        <p role="status" className="bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {t("showingLast", { error: errorText(state.error) })}
        </p>
      ) : null}
      <nav aria-label={t("objects")} className="flex flex-wrap gap-1 border-b border-slate-200 px-3 py-1.5">
        {docs.map((d, i) => (
          <button key={`${d.kind}-${d.name}-${i}`} type="button" className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200" onClick={() => jump(i)}>
            {`${d.kind} ${d.name}`}
          </button>
        ))}
      </nav>
      <pre ref={pre} data-testid="yaml-preview" tabIndex={0} aria-label={t("rendered")} className="relative flex-1 overflow-auto bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
        {docs.map((d, i) => {
          const rows = d.text.split("\n");
          return (
            <span key={i} data-doc={i} className="block">
              {i > 0 ? "---\n" : ""}
              {rows.map((text, j) => {
                const n = line++;
                const on = focus !== null && n >= focus.from && n <= focus.to;
                return (
                  <span key={j} className={on ? "-mx-3 block bg-amber-400/25 px-3" : undefined} data-testid={on ? "yaml-focus" : undefined} {...(on && n === focus.from ? { "data-focus-start": "" } : {})}>
                    {text}
                    {j < rows.length - 1 ? "\n" : ""}
                  </span>
                );
              })}
            </span>
          );
        })}
      </pre>
    </section>
  );
}
