import type { AppSpec } from "@/lib/manifests/model/app-spec";
import type { ParameterDefinition } from "@/lib/manifests/params/param-schema";

// The wizard's form values: the concrete app (every field filled), the template's own fields,
// its parameter definitions, and which fields are parameters (paths inside `spec`).
export type Binding = { path: string; parameter: string; mode: "value" | "tag" | "text"; raw?: string };

export type WizardValues = {
  meta: { name: string; description: string; labelsText: string; visibility: "private" | "team"; message: string };
  spec: AppSpec;
  parameters: ParameterDefinition[];
  bindings: Binding[];
};

/** The three steps' ids (their titles are the catalogue's wizard.steps.<id>); steps.ts says which fields each holds. */
export const STEP_IDS = ["basic", "containers", "advanced"] as const;

/** The save step's number (after the three steps). */
export const SAVE_STEP = 3;

/** The DOM id of the input for a form path (labels, error links and aria-describedby use it). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
