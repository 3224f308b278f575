import { importMsg, type ImportContext } from "./import-context";
import { asObj, type Obj } from "./read";

/** One env row of any of the five kinds; undefined (with a warning) for other sources. */
export function importEnvVar(raw: unknown, ctx: ImportContext, path: string): Obj | undefined {
  const { name, value, valueFrom, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.env", { name: String(name) }), path);
  if (valueFrom === undefined) return { type: "value", name, value: value ?? "" };
  const { configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef, fileKeyRef, ...other } = asObj(valueFrom);
  if (Object.keys(other).length === 0) {
    if (fileKeyRef) {
      const { volumeName, path: filePath, key, optional, ...refRest } = asObj(fileKeyRef);
      ctx.dropped(refRest, importMsg("warn.what.envFileKeyRef", { name: String(name) }), path);
      return { type: "fileKey", name, volumeName, path: filePath, key, ...opt(optional) };
    }
    if (configMapKeyRef) {
      const r = asObj(configMapKeyRef);
      return { type: "configMapKey", name, configMapName: r.name, key: r.key, ...opt(r.optional) };
    }
    if (secretKeyRef) {
      const r = asObj(secretKeyRef);
      return { type: "secretKey", name, secretName: r.name, key: r.key, ...opt(r.optional) };
    }
    if (fieldRef) {
      const r = asObj(fieldRef);
      // "v1" is the server default for fieldRef.apiVersion.
      return { type: "fieldRef", name, fieldPath: r.fieldPath, ...(r.apiVersion !== undefined && r.apiVersion !== "v1" ? { apiVersion: r.apiVersion } : {}) };
    }
    if (resourceFieldRef) {
      const r = asObj(resourceFieldRef);
      const divisor = r.divisor === "0" || r.divisor === 0 ? undefined : r.divisor;
      return {
        type: "resourceFieldRef", name, resource: r.resource,
        ...(r.containerName !== undefined ? { containerName: r.containerName } : {}),
        ...(divisor !== undefined ? { divisor: String(divisor) } : {}),
      };
    }
  }
  ctx.warn(importMsg("warn.envSource", { name: String(name) }), path);
  return undefined;
}

function opt(optional: unknown): Obj {
  return optional === undefined ? {} : { optional };
}

export function importEnvFrom(raw: unknown, ctx: ImportContext, path: string): Obj | undefined {
  const { configMapRef, secretRef, prefix, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.envFrom"), path);
  const ref = asObj(configMapRef ?? secretRef);
  if (!configMapRef && !secretRef) return undefined;
  return {
    type: configMapRef ? "configMap" : "secret",
    name: ref.name,
    ...(prefix !== undefined ? { prefix } : {}),
    ...opt(ref.optional),
  };
}
