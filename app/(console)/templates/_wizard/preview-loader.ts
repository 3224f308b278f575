// The preview's lazily loaded helpers, apart from the pane (yaml-pane.tsx) so that the wizard's
// first load holds neither: the renderer (zod + lib/manifests/render), loaded when the spec first
// changes, and the locator of a field's lines (lib/manifests/yaml-locate), when a field is first
// focused. Each is kept once loaded, for the pane's synchronous reads.
export const loaded: { renderer?: typeof import("./preview"); locator?: typeof import("@/lib/manifests/yaml-locate") } = {};
export const loadPreview = async () => (loaded.renderer ??= await import("./preview"));
export const loadLocator = async () => (loaded.locator ??= await import("@/lib/manifests/yaml-locate"));
