import type { AppSpec } from "@/lib/manifests/model/app-spec";
import type { ParameterDefinition } from "@/lib/manifests/params/param-schema";
import type { Binding, WizardValues } from "./types";

/** Form values for a new app or for editing a stored template's latest version. */
export function initialValues(spec: AppSpec, template?: { name: string; description: string; labels: string[]; visibility: "private" | "team" }, parameters: ParameterDefinition[] = [], bindings: Binding[] = []): WizardValues {
  return {
    meta: {
      name: template?.name ?? "",
      description: template?.description ?? "",
      labelsText: (template?.labels ?? []).join(", "),
      visibility: template?.visibility ?? "private",
      message: "",
    },
    spec: JSON.parse(JSON.stringify(spec)) as AppSpec,
    parameters: parameters.map((p) => ({ ...p, description: p.description ?? "" })),
    bindings,
  };
}
