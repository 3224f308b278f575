import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";
import { CRON_HPA } from "../model/scaling";
import { importMsg } from "./import-context";
import { asObj, asStr, asStringMap, identify, type Obj } from "./read";

export interface IgnoredObject {
  kind: string;
  name: string;
  /** English; `msg` is the same reason for the reader's language. */
  reason: string;
  msg: Msg;
}

/** Why an object was not imported, as a message and its English. */
export function ignoredBecause(key: string, values?: Msg["values"]): { reason: string; msg: Msg } {
  const m = importMsg(`objects.${key}`, values);
  return { reason: english(m), msg: m };
}

export interface AppObjects {
  statefulSet: Obj;
  headlessService?: Obj;
  service?: Obj;
  ingress?: Obj;
  hpa?: Obj;
  cronHpa?: Obj;
  extraObjects: Obj[];
  ignored: IgnoredObject[];
}

/** Objects with no form that still belong with an app: kept whole. */
const EXTRA_KINDS = new Set(["ConfigMap", "PodDisruptionBudget"]);

/** Sorts imported objects into the roles of one app; anything else is reported as ignored. */
export function classifyObjects(objects: Obj[]): AppObjects | { error: Msg; ignored: IgnoredObject[] } {
  const statefulSets = objects.filter((o) => o.kind === "StatefulSet");
  const ignored: IgnoredObject[] = [];
  if (statefulSets.length === 0) {
    return { error: importMsg("objects.noStatefulSet"), ignored: objects.map((o) => ({ ...identify(o), ...ignoredBecause("notPartOfApp") })) };
  }
  const statefulSet = statefulSets[0];
  const appName = identify(statefulSet).name;
  const stsSpec = asObj(statefulSet.spec);
  const podLabels = asStringMap(asObj(asObj(stsSpec.template).metadata).labels);
  const result: AppObjects = { statefulSet, extraObjects: [], ignored };

  for (const o of objects) {
    if (o === statefulSet) continue;
    const id = identify(o);
    const skip = (key: string, values?: Msg["values"]) => ignored.push({ ...id, ...ignoredBecause(key, values) });
    switch (o.kind) {
      case "StatefulSet":
        skip("oneStatefulSet", { name: appName });
        break;
      case "Service":
        if (id.name === stsSpec.serviceName && !result.headlessService) result.headlessService = o;
        else if (!selectsPods(o, podLabels)) skip("notSelecting", { name: appName });
        else if (result.service) skip("oneService");
        else result.service = o;
        break;
      case "Ingress":
        if (result.ingress) skip("oneIngress");
        else result.ingress = o;
        break;
      case "HorizontalPodAutoscaler":
        if (!targetsApp(o, appName)) skip("notScaling", { name: appName });
        else if (result.hpa) skip("oneHpa");
        else result.hpa = o;
        break;
      case CRON_HPA.kind:
        if (!targetsApp(o, appName)) skip("notScaling", { name: appName });
        else if (result.cronHpa) skip("oneCronHpa");
        else result.cronHpa = o;
        break;
      case "Secret":
        skip("secret");
        break;
      default:
        if (EXTRA_KINDS.has(asStr(o.kind) ?? "")) result.extraObjects.push(o);
        else skip("notPartOfApp");
    }
  }
  return result;
}

function selectsPods(svc: Obj, podLabels: Record<string, string>): boolean {
  const selector = asStringMap(asObj(svc.spec).selector);
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => podLabels[k] === selector[k]);
}

function targetsApp(o: Obj, appName: string): boolean {
  const ref = asObj(asObj(o.spec).scaleTargetRef);
  return ref.kind === "StatefulSet" && ref.name === appName;
}
