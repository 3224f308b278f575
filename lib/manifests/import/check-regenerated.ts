import type { AppSpec } from "../model/app-spec";
import { selectorLabels } from "../naming";
import { renderHeadlessService } from "../render/render-services";
import type { ImportContext } from "./import-context";
import { asArr, asObj, asStringMap, stableJson, type Obj } from "./read";

/**
 * Some parts of imported objects are regenerated from the app rather than kept:
 * the headless Service's ports and the Services' selectors. Say so when the
 * regenerated value differs from what the user had.
 */
export function warnAboutRegeneratedFields(spec: AppSpec, headless: Obj | undefined, service: Obj | undefined, ctx: ImportContext): void {
  if (headless) {
    const regenerated = new Map(asArr(renderHeadlessService(spec).spec?.ports).map((p) => [portKey(p), asObj(p).name]));
    for (const p of asArr(asObj(headless.spec).ports)) {
      const name = asObj(p).name;
      if (!regenerated.has(portKey(p)))
        ctx.warn(`headless Service port ${String(asObj(p).port)} is not a named container port; Berth derives the headless Service's ports from the containers`, "headlessServiceName");
      else if (name !== undefined && regenerated.get(portKey(p)) !== name)
        ctx.warn(`headless Service port ${String(asObj(p).port)} is named ${String(regenerated.get(portKey(p)))} (its container port's name), not ${String(name)}`, "headlessServiceName");
    }
  }
  const appSelector = stableJson(selectorLabels(spec));
  for (const [svc, path] of [[headless, "headlessServiceName"], [service, "service"]] as const) {
    if (svc && stableJson(asStringMap(asObj(svc.spec).selector)) !== appSelector)
      ctx.warn(`the selector of Service ${String(asObj(svc.metadata).name)} is replaced by the StatefulSet's pod selector`, path);
  }
}

function portKey(p: unknown): string {
  const port = asObj(p);
  return `${String(port.port)}/${String(port.protocol ?? "TCP")}`;
}
