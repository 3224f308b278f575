import { importMsg, type ImportContext } from "./import-context";
import { asObj, compact, type Obj } from "./read";
import { withoutDefaults } from "./strip-noise";

/** The API server fills in defaultMode 0644 (420) for ConfigMap and Secret volumes. */
const DEFAULT_MODE = 420;

/** A pod volume → model volume; unknown sources become `type: "other"` and pass through. */
export function importVolume(raw: unknown): Obj {
  const { name, ...source } = asObj(raw);
  const keys = Object.keys(source);
  const kind = keys.length === 1 ? keys[0] : undefined;
  const body = asObj(kind ? source[kind] : undefined);
  const other = { type: "other", name, source };
  switch (kind) {
    case "configMap":
    case "secret": {
      const { name: cmName, secretName, items, defaultMode, optional, ...rest } = body;
      if (Object.keys(rest).length) return other;
      const ref = kind === "configMap" ? { configMapName: cmName } : { secretName };
      return {
        type: kind, name, ...ref,
        ...(items !== undefined ? { items } : {}),
        ...(defaultMode !== undefined && defaultMode !== DEFAULT_MODE ? { defaultMode } : {}),
        ...(optional !== undefined ? { optional } : {}),
      };
    }
    case "emptyDir": {
      const { medium, sizeLimit, ...rest } = body;
      if (Object.keys(rest).length) return other;
      return { type: "emptyDir", name, ...(medium !== undefined && medium !== "" ? { medium } : {}), ...(sizeLimit !== undefined ? { sizeLimit: String(sizeLimit) } : {}) };
    }
    case "persistentVolumeClaim": {
      const { claimName, readOnly, ...rest } = body;
      return Object.keys(rest).length ? other : { type: kind, name, claimName, ...(readOnly !== undefined ? { readOnly } : {}) };
    }
    case "nfs": {
      const { server, path, readOnly, ...rest } = body;
      return Object.keys(rest).length ? other : { type: kind, name, server, path, ...(readOnly !== undefined ? { readOnly } : {}) };
    }
    default:
      return other;
  }
}

/** A volumeClaimTemplates entry → per-pod storage; labels, volumeMode etc. pass through. */
export function importClaimTemplate(raw: unknown, ctx: ImportContext, path: string): Obj {
  const { apiVersion: _a, kind: _k, status: _s, metadata, spec, ...rest } = asObj(raw);
  const { name, creationTimestamp: _c, ...metaRest } = asObj(metadata);
  ctx.source(path, raw, metadata, spec);
  ctx.sourceKey(`${path}.size`, asObj(asObj(spec).resources).requests, "storage");
  ctx.stringMap(metadata, "labels", `${path}.extra.metadata.labels`);
  ctx.stringMap(metadata, "annotations", `${path}.extra.metadata.annotations`);
  const { accessModes, storageClassName, resources, ...specRest } = withoutDefaults(asObj(spec), "claimSpec");
  const { requests, ...resourcesRest } = asObj(resources);
  const { storage, ...requestsRest } = asObj(requests);
  if (storage === undefined) ctx.warn(importMsg("warn.noSize", { name: String(name) }), `${path}.size`);
  const extraSpec = compact({ ...specRest, resources: compact({ ...resourcesRest, requests: compact(requestsRest) }) });
  const extra = compact({ ...rest, metadata: compact(metaRest), spec: extraSpec });
  return {
    name,
    ...(storageClassName !== undefined ? { storageClassName } : {}),
    size: storage === undefined ? "" : String(storage),
    accessModes: accessModes ?? ["ReadWriteOnce"],
    ...(extra ? { extra } : {}),
  };
}
