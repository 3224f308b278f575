import type { V1PersistentVolumeClaim, V1Volume } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import type { ClaimTemplate, Volume } from "../model/volume";
import { logVolumeName } from "../naming";
import { cloneJson, mergeExtra, type Obj } from "./object-helpers";

/** Pod volumes: the user's, then one emptyDir per file-path log collection. */
export function renderVolumes(spec: AppSpec): V1Volume[] {
  const volumes = spec.volumes.map(renderVolume);
  for (const c of [...spec.initContainers, ...spec.containers]) {
    for (const log of c.logs) if (log.path !== "stdout") volumes.push({ name: logVolumeName(log.store), emptyDir: {} });
  }
  return volumes;
}

function renderVolume(v: Volume): V1Volume {
  switch (v.type) {
    case "configMap":
      return { name: v.name, configMap: projection({ name: v.configMapName }, v) };
    case "secret":
      return { name: v.name, secret: projection({ secretName: v.secretName }, v) };
    case "emptyDir": {
      const emptyDir: Obj = {};
      if (v.medium !== undefined) emptyDir.medium = v.medium;
      if (v.sizeLimit !== undefined) emptyDir.sizeLimit = v.sizeLimit;
      return { name: v.name, emptyDir };
    }
    case "persistentVolumeClaim":
      return { name: v.name, persistentVolumeClaim: v.readOnly !== undefined ? { claimName: v.claimName, readOnly: v.readOnly } : { claimName: v.claimName } };
    case "nfs":
      return { name: v.name, nfs: v.readOnly !== undefined ? { server: v.server, path: v.path, readOnly: v.readOnly } : { server: v.server, path: v.path } };
    case "other":
      return { name: v.name, ...cloneJson(v.source) };
  }
}

function projection(base: Obj, v: Extract<Volume, { type: "configMap" | "secret" }>): never {
  const out: Obj = { ...base };
  if (v.items) out.items = v.items.map((i) => (i.mode !== undefined ? { key: i.key, path: i.path, mode: i.mode } : { key: i.key, path: i.path }));
  if (v.defaultMode !== undefined) out.defaultMode = v.defaultMode;
  if (v.optional !== undefined) out.optional = v.optional;
  return out as never;
}

export function renderClaimTemplate(t: ClaimTemplate): V1PersistentVolumeClaim {
  const spec: Obj = { accessModes: [...t.accessModes] };
  if (t.storageClassName !== undefined) spec.storageClassName = t.storageClassName;
  spec.resources = { requests: { storage: t.size } };
  return mergeExtra({ metadata: { name: t.name }, spec }, t.extra) as V1PersistentVolumeClaim;
}
