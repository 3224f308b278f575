import { CRON_HPA } from "../model/scaling";
import { asObj, asStr, asStringMap, identify, type Obj } from "./read";

export interface IgnoredObject {
  kind: string;
  name: string;
  reason: string;
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
export function classifyObjects(objects: Obj[]): AppObjects | { error: string; ignored: IgnoredObject[] } {
  const statefulSets = objects.filter((o) => o.kind === "StatefulSet");
  const ignored: IgnoredObject[] = [];
  if (statefulSets.length === 0) {
    return { error: "no StatefulSet found: an app is imported from one StatefulSet and the objects around it", ignored: objects.map((o) => ({ ...identify(o), reason: "not part of a StatefulSet app" })) };
  }
  const statefulSet = statefulSets[0];
  const appName = identify(statefulSet).name;
  const stsSpec = asObj(statefulSet.spec);
  const podLabels = asStringMap(asObj(asObj(stsSpec.template).metadata).labels);
  const result: AppObjects = { statefulSet, extraObjects: [], ignored };

  for (const o of objects) {
    if (o === statefulSet) continue;
    const id = identify(o);
    const skip = (reason: string) => ignored.push({ ...id, reason });
    switch (o.kind) {
      case "StatefulSet":
        skip(`only one StatefulSet is imported (using "${appName}")`);
        break;
      case "Service":
        if (id.name === stsSpec.serviceName && !result.headlessService) result.headlessService = o;
        else if (!selectsPods(o, podLabels)) skip(`does not select the pods of "${appName}"`);
        else if (result.service) skip("an app has one Service besides its headless one");
        else result.service = o;
        break;
      case "Ingress":
        if (result.ingress) skip("an app has one Ingress");
        else result.ingress = o;
        break;
      case "HorizontalPodAutoscaler":
        if (!targetsApp(o, appName)) skip(`does not scale the StatefulSet "${appName}"`);
        else if (result.hpa) skip("an app has one HorizontalPodAutoscaler");
        else result.hpa = o;
        break;
      case CRON_HPA.kind:
        if (!targetsApp(o, appName)) skip(`does not scale the StatefulSet "${appName}"`);
        else if (result.cronHpa) skip("an app has one CronHorizontalPodAutoscaler");
        else result.cronHpa = o;
        break;
      case "Secret":
        skip("Secrets are not stored in templates; create them in the cluster and reference them");
        break;
      default:
        if (EXTRA_KINDS.has(asStr(o.kind) ?? "")) result.extraObjects.push(o);
        else skip("not part of a StatefulSet app");
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
