import { LABEL_APP } from "../naming";
import { importMsg, type ImportContext } from "./import-context";
import { importContainer } from "./import-container";
import { cloudProfile, userLabels } from "./import-labels";
import { importClaimTemplate, importVolume } from "./import-volumes";
import { asObj, asStr, compact, type Obj } from "./read";
import { withoutDefaults, withoutPodAliases } from "./strip-noise";

/** StatefulSet (noise already stripped) → the spec fields it carries. */
export function importStatefulSet(sts: Obj, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = sts;
  const { name: rawName, labels: _l, annotations: _a, ...metaRest } = asObj(metadata);
  const name = asStr(rawName) ?? "";
  const {
    serviceName, replicas, selector, podManagementPolicy, updateStrategy, persistentVolumeClaimRetentionPolicy,
    template, volumeClaimTemplates: _t, ...specRest
  } = withoutDefaults(asObj(spec), "statefulSetSpec");
  ctx.source("", metadata, spec, asObj(asObj(spec).template).spec);
  ctx.source("statefulSetExtra", sts);
  ctx.sourceKey("headlessServiceName", spec, "serviceName");
  ctx.sourceKey("pvcRetentionPolicy", spec, "persistentVolumeClaimRetentionPolicy");
  ctx.sourceKey("selector", selector, "matchLabels");

  const { matchLabels: _m, ...selectorRest } = asObj(selector);
  ctx.dropped(selectorRest, importMsg("warn.what.selector"), "selector");
  const selectorMap = ctx.stringMap(selector, "matchLabels", "selector");
  const isDefaultSelector = Object.keys(selectorMap).length === 1 && selectorMap[LABEL_APP] === name;

  const out: Obj = {
    name,
    // Kubernetes defaults replicas to 1 when the field is absent.
    replicas: replicas ?? 1,
    labels: userLabels(ctx.stringMap(metadata, "labels", "labels"), name, ctx, "labels"),
    annotations: ctx.stringMap(metadata, "annotations", "annotations"),
    ...(serviceName !== undefined && serviceName !== `${name}-headless` ? { headlessServiceName: serviceName } : {}),
    ...(isDefaultSelector ? {} : { selector: selectorMap }),
    podManagementPolicy: podManagementPolicy ?? "OrderedReady",
    updateStrategy: importUpdateStrategy(updateStrategy),
    ...(persistentVolumeClaimRetentionPolicy !== undefined ? { pvcRetentionPolicy: persistentVolumeClaimRetentionPolicy } : {}),
    volumeClaimTemplates: ctx.list(spec, "volumeClaimTemplates", "volumeClaimTemplates").map((t, i) => importClaimTemplate(t, ctx, `volumeClaimTemplates.${i}`)),
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
  const { labels: _l, annotations: _a, creationTimestamp: _c, ...metaRest } = asObj(metadata);
  ctx.dropped(metaRest, importMsg("warn.what.podMetadata"), "podLabels");
  ctx.sourceKey("podLabels", metadata, "labels");
  ctx.sourceKey("cloud", metadata, "labels");
  ctx.sourceKey("podAnnotations", metadata, "annotations");
  ctx.source("podExtra", spec);
  const podLabels = userLabels(ctx.stringMap(metadata, "labels", "podLabels"), appName, ctx, "podLabels", selector);
  const cloud = cloudProfile(podLabels);

  const { imagePullSecrets: _s, initContainers: _i, containers: _c2, volumes: _v, ...podRest } = withoutPodAliases(withoutDefaults(asObj(spec), "podSpec"));
  const podVolumes = ctx.list(spec, "volumes", "volumes");
  const logVolumes = new Set<string>();
  const importAll = (key: string) =>
    ctx.list(spec, key, key).map((c, i) => {
      ctx.source(`${key}.${i}`, c);
      const { container, logVolumes: used } = importContainer(c, podVolumes, ctx, `${key}.${i}`);
      used.forEach((v) => logVolumes.add(v));
      return container;
    });
  const out: Obj = {
    podLabels,
    podAnnotations: ctx.stringMap(metadata, "annotations", "podAnnotations"),
    ...(cloud ? { cloud } : {}),
    imagePullSecrets: ctx.list(spec, "imagePullSecrets", "imagePullSecrets").map((s) => asObj(s).name),
    initContainers: importAll("initContainers"),
    containers: importAll("containers"),
  };
  // After the containers: their log collection claims its emptyDir volumes.
  const volumes = podVolumes.filter((v) => !logVolumes.has(asObj(v).name as string));
  volumes.forEach((v, i) => ctx.source(`volumes.${i}`, v));
  out.volumes = volumes.map(importVolume);
  const podExtra = compact(podRest);
  if (podExtra) out.podExtra = podExtra;
  return out;
}
