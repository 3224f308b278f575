import type { V1EnvFromSource, V1EnvVar } from "@kubernetes/client-node";
import type { LogCollection } from "../model/container";
import type { EnvFrom, EnvVar } from "../model/env";
import { logEnvName, logTagsEnvName } from "../naming";
import type { Obj } from "./object-helpers";

export function renderEnvVar(e: EnvVar): V1EnvVar {
  switch (e.type) {
    case "value":
      // The API server drops an empty value, so an empty one is left out to match live objects.
      return e.value === "" ? { name: e.name } : { name: e.name, value: e.value };
    case "configMapKey":
      return { name: e.name, valueFrom: { configMapKeyRef: keyRef(e.configMapName, e.key, e.optional) } };
    case "secretKey":
      return { name: e.name, valueFrom: { secretKeyRef: keyRef(e.secretName, e.key, e.optional) } };
    case "fieldRef":
      return { name: e.name, valueFrom: { fieldRef: e.apiVersion !== undefined ? { apiVersion: e.apiVersion, fieldPath: e.fieldPath } : { fieldPath: e.fieldPath } } };
    case "resourceFieldRef": {
      const ref: Obj = {};
      if (e.containerName !== undefined) ref.containerName = e.containerName;
      if (e.divisor !== undefined) ref.divisor = e.divisor;
      ref.resource = e.resource;
      return { name: e.name, valueFrom: { resourceFieldRef: ref as never } };
    }
    case "fileKey": {
      const ref: Obj = { volumeName: e.volumeName, path: e.path, key: e.key };
      if (e.optional !== undefined) ref.optional = e.optional;
      return { name: e.name, valueFrom: { fileKeyRef: ref } as never };
    }
  }
}

function keyRef(name: string, key: string, optional: boolean | undefined) {
  return optional !== undefined ? { key, name, optional } : { key, name };
}

export function renderEnvFrom(f: EnvFrom): V1EnvFromSource {
  const ref = f.optional !== undefined ? { name: f.name, optional: f.optional } : { name: f.name };
  const out: V1EnvFromSource = f.type === "configMap" ? { configMapRef: ref } : { secretRef: ref };
  return f.prefix !== undefined ? { prefix: f.prefix, ...out } : out;
}

/** The seed cloud's log agent reads `aliyun_logs_<store>` (stdout or a path) and `_tags` (k=v,k=v). */
export function renderLogEnv(log: LogCollection): V1EnvVar[] {
  const env: V1EnvVar[] = [{ name: logEnvName(log.store), value: log.path }];
  const tags = Object.keys(log.tags).sort().map((k) => `${k}=${log.tags[k]}`);
  if (tags.length) env.push({ name: logTagsEnvName(log.store), value: tags.join(",") });
  return env;
}
