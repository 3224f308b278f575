import type { V1StatefulSet } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import { managedReplicas } from "../model/scaling";
import { headlessServiceName, selectorLabels } from "../naming";
import { objectLabels, podLabels } from "./labels";
import { mergeExtra, setIf, sortedMap, type Obj } from "./object-helpers";
import { renderContainer } from "./render-container";
import { renderClaimTemplate, renderVolumes } from "./render-volumes";

export function renderStatefulSet(spec: AppSpec): V1StatefulSet {
  const metadata: Obj = { name: spec.name, labels: objectLabels(spec.name, spec.labels) };
  setIf(metadata, "annotations", sortedMap(spec.annotations));

  const stsSpec: Obj = {
    serviceName: headlessServiceName(spec),
    // An autoscaler (HPA or cron-HPA) owns spec.replicas through the scale subresource: applying
    // it would reset the scale on every redeploy or conflict with the controller. Leave it out.
    ...(managedReplicas(spec) === undefined ? { replicas: spec.replicas } : {}),
    selector: { matchLabels: sortedMap(selectorLabels(spec)) },
    podManagementPolicy: spec.podManagementPolicy,
    updateStrategy: renderUpdateStrategy(spec.updateStrategy),
  };
  if (spec.pvcRetentionPolicy) stsSpec.persistentVolumeClaimRetentionPolicy = { ...spec.pvcRetentionPolicy };
  stsSpec.template = renderPodTemplate(spec);
  setIf(stsSpec, "volumeClaimTemplates", spec.volumeClaimTemplates.map(renderClaimTemplate));

  const sts: Obj = { apiVersion: "apps/v1", kind: "StatefulSet", metadata, spec: stsSpec };
  return mergeExtra(sts, spec.statefulSetExtra) as V1StatefulSet;
}

function renderUpdateStrategy(s: AppSpec["updateStrategy"]): Obj {
  if (s.type === "OnDelete") return { type: "OnDelete" };
  const rollingUpdate: Obj = {};
  if (s.partition !== undefined) rollingUpdate.partition = s.partition;
  if (s.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = s.maxUnavailable;
  const out: Obj = { type: "RollingUpdate" };
  setIf(out, "rollingUpdate", rollingUpdate);
  return out;
}

function renderPodTemplate(spec: AppSpec): Obj {
  const metadata: Obj = { labels: podLabels(spec) };
  setIf(metadata, "annotations", sortedMap(spec.podAnnotations));
  const podSpec: Obj = {};
  setIf(podSpec, "imagePullSecrets", spec.imagePullSecrets.map((name) => ({ name })));
  setIf(podSpec, "initContainers", spec.initContainers.map(renderContainer));
  podSpec.containers = spec.containers.map(renderContainer);
  setIf(podSpec, "volumes", renderVolumes(spec));
  return { metadata, spec: mergeExtra(podSpec, spec.podExtra) };
}
