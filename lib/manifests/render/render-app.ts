import type { KubernetesObject } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import { forcedLabels } from "../naming";
import { isObj } from "../plain-object";
import { cloneJson, type Obj } from "./object-helpers";
import { renderIngress } from "./render-ingress";
import { renderCronHpa, renderHpa } from "./render-scaling";
import { renderHeadlessService, renderService } from "./render-services";
import { renderStatefulSet } from "./render-statefulset";
import { emitYamlDocuments } from "./emit-yaml";

/**
 * Renders a valid spec (see validateAppSpec) into the app's Kubernetes objects,
 * in apply order: extra objects (ConfigMaps …), headless Service, Service,
 * StatefulSet, Ingress, HPA, cron HPA. Pure and deterministic.
 */
export function renderApp(spec: AppSpec): KubernetesObject[] {
  const objects: KubernetesObject[] = spec.extraObjects.map((o) => labelExtraObject(spec.name, o));
  objects.push(renderHeadlessService(spec));
  if (spec.service) objects.push(renderService(spec, spec.service));
  objects.push(renderStatefulSet(spec));
  if (spec.ingress) objects.push(renderIngress(spec, spec.ingress));
  if (spec.autoscaling) objects.push(renderHpa(spec, spec.autoscaling));
  if (spec.scheduledScaling) objects.push(renderCronHpa(spec, spec.scheduledScaling));
  return objects;
}

/** Multi-document YAML for `kubectl apply -f`. */
export function renderYaml(spec: AppSpec): string {
  return emitYamlDocuments(renderApp(spec));
}

/** Extra objects keep their content; they gain the labels that link them to the app. */
function labelExtraObject(appName: string, object: Obj): KubernetesObject {
  const copy = cloneJson(object);
  const metadata = isObj(copy.metadata) ? copy.metadata : {};
  const labels = isObj(metadata.labels) ? (metadata.labels as Record<string, string>) : {};
  copy.metadata = { ...metadata, labels: { ...labels, ...forcedLabels(appName) } };
  return copy as KubernetesObject;
}
