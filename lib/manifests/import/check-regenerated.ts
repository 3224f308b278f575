import type { AppSpec } from "../model/app-spec";
import { selectorLabels } from "../naming";
import { renderHeadlessService } from "../render/render-services";
import { importMsg, type ImportContext } from "./import-context";
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
        ctx.warn(importMsg("warn.headlessPortUnnamed", { port: String(asObj(p).port) }), "headlessServiceName");
      else if (name !== undefined && regenerated.get(portKey(p)) !== name)
        ctx.warn(importMsg("warn.headlessPortName", { port: String(asObj(p).port), expected: String(regenerated.get(portKey(p))), name: String(name) }), "headlessServiceName");
    }
  }
  const appSelector = stableJson(selectorLabels(spec));
  for (const [svc, path] of [[headless, "headlessServiceName"], [service, "service"]] as const) {
    if (svc && stableJson(asStringMap(asObj(svc.spec).selector)) !== appSelector)
      ctx.warn(importMsg("warn.selectorReplaced", { name: String(asObj(svc.metadata).name) }), path);
  }
}

function portKey(p: unknown): string {
  const port = asObj(p);
  return `${String(port.port)}/${String(port.protocol ?? "TCP")}`;
}
