import { AppSpecObject } from "@/lib/manifests/model/app-spec";
import { renderYaml } from "@/lib/manifests/render/render-app";
import { clean } from "./clean";

// The live preview's renderer (zod's model + the manifest renderer). The page renders the first
// preview on the server; the browser loads this module with import() once the spec changes, so it
// is not part of the wizard's first load.

/** An error is the number of fields to fix, or the renderer's own (technical) message. */
export type PreviewError = { fields: number } | { render: string };
export type Preview = { yaml: string } | { error: PreviewError };

export function renderPreview(spec: unknown): Preview {
  const parsed = AppSpecObject.safeParse(clean(spec));
  if (!parsed.success) return { error: { fields: parsed.error.issues.length } };
  try {
    return { yaml: renderYaml(parsed.data) };
  } catch (e) {
    return { error: { render: e instanceof Error ? e.message : String(e) } };
  }
}
