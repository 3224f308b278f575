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

export type Step = { id: "basic" | "containers" | "advanced"; prefixes: string[] };

export const STEPS: Step[] = [
  { id: "basic", prefixes: ["spec.name", "spec.replicas", "spec.labels", "spec.annotations", "spec.cloud"] },
  {
    id: "containers",
    prefixes: ["spec.imagePullSecrets", "spec.initContainers", "spec.containers", "spec.volumes", "spec.volumeClaimTemplates"],
  },
  { id: "advanced", prefixes: ["spec."] },
];

/** The step a spec error belongs to (step 3 takes whatever the first two do not). */
export function stepOf(path: string): number {
  if (!path.startsWith("spec.") && path !== "spec") return 3;
  for (let i = 0; i < 2; i++) if (STEPS[i].prefixes.some((p) => path === p || path.startsWith(`${p}.`))) return i;
  return 2;
}

/** The DOM id of the input for a form path (labels, error links and aria-describedby use it). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
