// What the wizard's first view does not need (steps 2–3, the save step, the error summary, the
// live YAML pane and facts, what the buttons do): one module, loaded with import() on the first
// touch, so that the first load holds one loader for all of it.
export { CloudOnlyNote } from "./cloud-note";
export { ErrorSummary } from "./error-summary";
export { ImportNotes } from "./import-notes";
export * as flow from "./flow";
export { SavePanel } from "./save-panel";
export { IdentityFacts } from "./statefulset-facts";
export { StepAdvanced } from "./step-advanced";
export { StepContainers } from "./step-containers";
export { loadLocator, loadPreview } from "./preview-loader";
export { YamlPreview } from "./yaml-pane";
