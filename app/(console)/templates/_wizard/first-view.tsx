import { IdentityFactsView } from "./facts-view";
import { renderPreview } from "./preview";
import type { WizardValues } from "./types";
import { YamlPaneView } from "./yaml-pane-view";

/**
 * The wizard's first view of `initial` as the page renders it on the server: the preview (the
 * live pane starts from it), and the YAML pane and StatefulSet facts as HTML, shown without any
 * script until the wizard's first touch loads their live versions.
 */
export function firstView(initial: WizardValues) {
  const initialPreview = renderPreview(initial.spec);
  return {
    initialPreview,
    staticPreview: <YamlPaneView yaml={"yaml" in initialPreview ? initialPreview.yaml : ""} error={"error" in initialPreview ? initialPreview.error : undefined} />,
    staticFacts: <IdentityFactsView spec={initial.spec} />,
  };
}
