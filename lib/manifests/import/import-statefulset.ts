import { LABEL_APP } from "../naming";
import type { ImportContext } from "./import-context";
import { importContainer } from "./import-container";
import { cloudProfile, userLabels } from "./import-labels";
import { importClaimTemplate, importVolume } from "./import-volumes";
import { asArr, asObj, asStr, asStringMap, compact, type Obj } from "./read";
import { withoutDefaults, withoutPodAliases } from "./strip-noise";

/** StatefulSet (noise already stripped) → the spec fields it carries. */
export function importStatefulSet(sts: Obj, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = sts;
  const { name: rawName, labels, annotations, ...metaRest } = asObj(metadata);
  const name = asStr(rawName) ?? "";
  const {
    serviceName, replicas, selector, podManagementPolicy, updateStrategy, persistentVolumeClaimRetentionPolicy,
    template, volumeClaimTemplates, ...specRest
  } = withoutDefaults(asObj(spec), "statefulSetSpec");

  const { matchLabels, ...selectorRest } = asObj(selector);
  ctx.dropped(selectorRest, "selector", "selector");
  const selectorMap = asStringMap(matchLabels);
  const isDefaultSelector = Object.keys(selectorMap).length === 1 && selectorMap[LABEL_APP] === name;

  const out: Obj = {
    name,
    // Kubernetes defaults replicas to 1 when the field is absent.
    replicas: replicas ?? 1,
    labels: userLabels(asStringMap(labels), name, ctx, "labels"),
    annotations: asStringMap(annotations),
    ...(serviceName !== undefined && serviceName !== `${name}-headless` ? { headlessServiceName: serviceName } : {}),
    ...(isDefaultSelector ? {} : { selector: selectorMap }),
    podManagementPolicy: podManagementPolicy ?? "OrderedReady",
    updateStrategy: importUpdateStrategy(updateStrategy),
    ...(persistentVolumeClaimRetentionPolicy !== undefined ? { pvcRetentionPolicy: persistentVolumeClaimRetentionPolicy } : {}),
    volumeClaimTemplates: asArr(volumeClaimTemplates).map((t, i) => importClaimTemplate(t, ctx, `volumeClaimTemplates.${i}`)),
    ...importPodTemplate(template, name, isDefaultSelector ? {} : selectorMap, ctx),
  };
  const stsExtra = compact({ ...topRest, metadata: compact(metaRest), spec: compact(specRest) });
  if (stsExtra) out.statefulSetExtra = stsExtra;
  return out;
}

function importUpdateStrategy(raw: unknown): Obj {
  const { type, rollingUpdate } = asObj(raw);
  if (type === "OnDelete") return { type: "OnDelete" };
  const { partition, maxUnavailable } = asObj(rollingUpdate);
  return {
    type: "RollingUpdate",
    ...(partition !== undefined ? { partition } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
  };
}

function importPodTemplate(raw: unknown, appName: string, selector: Record<string, string>, ctx: ImportContext): Obj {
  const { metadata, spec } = asObj(raw);
  const { labels, annotations, creationTimestamp: _c, ...metaRest } = asObj(metadata);
  ctx.dropped(metaRest, "pod template metadata", "podLabels");
  const podLabels = userLabels(asStringMap(labels), appName, ctx, "podLabels", selector);
  const cloud = cloudProfile(podLabels);

  const { imagePullSecrets, initContainers, containers, volumes, ...podRest } = withoutPodAliases(withoutDefaults(asObj(spec), "podSpec"));
  const podVolumes = asArr(volumes);
  const logVolumes = new Set<string>();
  const importAll = (list: unknown, key: string) =>
    asArr(list).map((c, i) => {
      const { container, logVolumes: used } = importContainer(c, podVolumes, ctx, `${key}.${i}`);
      used.forEach((v) => logVolumes.add(v));
      return container;
    });
  const out: Obj = {
    podLabels,
    podAnnotations: asStringMap(annotations),
    ...(cloud ? { cloud } : {}),
    imagePullSecrets: asArr(imagePullSecrets).map((s) => asObj(s).name),
    initContainers: importAll(initContainers, "initContainers"),
    containers: importAll(containers, "containers"),
    volumes: podVolumes.filter((v) => !logVolumes.has(asObj(v).name as string)).map(importVolume),
  };
  const podExtra = compact(podRest);
  if (podExtra) out.podExtra = podExtra;
  return out;
}
