"use client";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { AppSpecObject, renderYaml } from "@/lib/manifests";
import { clean } from "./clean";
import type { WizardValues } from "./types";

/** The rendered manifest, updated as the user types (debounced); the last good one stays on errors. */
export function renderPreview(spec: unknown): { yaml: string } | { error: string } {
  const parsed = AppSpecObject.safeParse(clean(spec));
  if (!parsed.success) return { error: `${parsed.error.issues.length} field(s) need fixing before the YAML can be shown.` };
  try {
    return { yaml: renderYaml(parsed.data) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function YamlPreview() {
  const spec = useWatch<WizardValues, "spec">({ name: "spec" });
  const [state, setState] = useState<{ yaml: string; error?: string }>(() => {
    const r = renderPreview(spec);
    return "yaml" in r ? { yaml: r.yaml } : { yaml: "", error: r.error };
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      const r = renderPreview(spec);
      setState((prev) => ("yaml" in r ? { yaml: r.yaml } : { yaml: prev.yaml, error: r.error }));
    }, 250);
    return () => clearTimeout(timer);
  }, [spec]);
  return (
    <section aria-label="Live YAML" className="card flex max-h-[calc(100vh-7rem)] flex-col overflow-hidden">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold">What will be created</h2>
        <span className="text-xs text-slate-500">kubectl apply -f</span>
      </div>
      {state.error ? (
        <p role="status" className="bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {state.error} Showing the last valid YAML.
        </p>
      ) : null}
      <pre data-testid="yaml-preview" tabIndex={0} aria-label="Rendered YAML" className="flex-1 overflow-auto bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
        {state.yaml}
      </pre>
    </section>
  );
}
