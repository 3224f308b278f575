import { SAVE_STEP, STEP_IDS } from "./types";

// Which step shows which fields, for errors: the step to open for an error's path. (Apart from
// types.ts: the wizard's first view does not need it.)
export type Step = { id: (typeof STEP_IDS)[number]; prefixes: string[] };

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
  if (!path.startsWith("spec.") && path !== "spec") return SAVE_STEP;
  for (let i = 0; i < 2; i++) if (STEPS[i].prefixes.some((p) => path === p || path.startsWith(`${p}.`))) return i;
  return 2;
}
