"use client";
import { useEffect, useRef, useState } from "react";
import { useWatch } from "./form-hooks";
import type { Preview, PreviewError } from "./preview";
import { scrollPane } from "./pane-scroll";
import { loaded, loadLocator, loadPreview } from "./preview-loader";
import type { WizardValues } from "./types";
import { documents, YamlPaneView } from "./yaml-pane-view";

/**
 * The live YAML pane: the rendered manifest, updated as the user types (debounced); the last good
 * one stays on errors. Loaded with import() on the wizard's first touch (the server's rendering of
 * the same markup is shown until then).
 * `initial`: the server's rendering of the spec whose JSON is `initialJson` (the form's first one).
 * `focusKind`: the object the current step is about; the pane scrolls to it when the step changes.
 * `focusPath`: the form field being edited; its lines are highlighted and scrolled into view.
 */
export function YamlPreview({ initial, initialJson, focusKind, focusPath }: { initial: Preview; initialJson: string; focusKind?: string; focusPath?: string }) {
  const spec = useWatch<WizardValues["spec"]>("spec");
  const pre = useRef<HTMLPreElement>(null);
  const jump = (i: number) => scrollPane(pre.current, pre.current?.querySelector<HTMLElement>(`[data-doc="${i}"]`), 12);
  const [state, setState] = useState<{ yaml: string; error?: PreviewError }>(() => {
    // The pane mounts again after the YAML view: by then the spec may differ and the renderer is loaded.
    const r = JSON.stringify(spec) === initialJson ? initial : loaded.renderer?.renderPreview(spec);
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
  const focusIndex = documents(state.yaml).findIndex((d) => d.kind === focusKind);
  useEffect(() => {
    if (focusIndex >= 0) jump(focusIndex);
    // only when the step (focus) changes, not on every keystroke
  }, [focusKind]);
  const [, locatorLoaded] = useState(false);
  useEffect(() => {
    if (focusPath && !loaded.locator) void loadLocator().then(() => locatorLoaded(true));
  }, [focusPath]);
  const focus = focusPath && loaded.locator ? loaded.locator.yamlLinesFor(state.yaml, focusPath, typeof spec?.name === "string" ? spec.name : "") : null;
  useEffect(() => {
    scrollPane(pre.current, pre.current?.querySelector<HTMLElement>("[data-focus-start]"), 48);
    // when the field (or its lines) change
  }, [focusPath, focus?.from]);
  return <YamlPaneView yaml={state.yaml} error={state.error} focus={focus} preRef={pre} onJump={jump} />;
}
