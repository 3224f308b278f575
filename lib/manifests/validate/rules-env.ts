import type { Container } from "../model/container";
import { FIELD_REF_PATHS, RESOURCE_REF_NAMES } from "../model/env";
import type { IssueList, IssuePath } from "./issue-list";
import { checkDns1123Subdomain, checkEnvVarName } from "./k8s-names";
import { isQuantity } from "./quantity";

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const FIELD_REF_MAP = /^metadata\.(labels|annotations)\['[^']+'\]$/;

/** Env rows of all five kinds and envFrom; names are unique within the container. */
export function checkEnv(list: IssueList, c: Container, path: IssuePath, generated: string[], emptyDirs: Set<string>): void {
  const taken = new Set(generated);
  c.env.forEach((e, i) => {
    const at = [...path, "env", i];
    list.check([...at, "name"], checkEnvVarName(e.name), "Variable name");
    if (taken.has(e.name)) list.add([...at, "name"], `variable "${e.name}" is defined more than once${generated.includes(e.name) ? " (log collection sets it)" : ""}`);
    taken.add(e.name);
    switch (e.type) {
      case "configMapKey":
        list.check([...at, "configMapName"], checkDns1123Subdomain(e.configMapName), "ConfigMap name");
        checkKey(list, e.key, [...at, "key"]);
        break;
      case "secretKey":
        list.check([...at, "secretName"], checkDns1123Subdomain(e.secretName), "Secret name");
        checkKey(list, e.key, [...at, "key"]);
        break;
      case "fieldRef":
        if (!(FIELD_REF_PATHS as readonly string[]).includes(e.fieldPath) && !FIELD_REF_MAP.test(e.fieldPath))
          list.add([...at, "fieldPath"], `unsupported field; use one of ${FIELD_REF_PATHS.join(", ")}, metadata.labels['key'] or metadata.annotations['key']`);
        break;
      case "resourceFieldRef":
        if (!(RESOURCE_REF_NAMES as readonly string[]).includes(e.resource) && !/^(limits|requests)\.hugepages-/.test(e.resource))
          list.add([...at, "resource"], `unsupported resource; use one of ${RESOURCE_REF_NAMES.join(", ")}`);
        if (e.divisor !== undefined && !isQuantity(e.divisor)) list.add([...at, "divisor"], "divisor must be a quantity such as 1m or 1Mi");
        if (e.containerName === "") list.add([...at, "containerName"], "container name must not be empty");
        break;
      case "fileKey":
        if (!emptyDirs.has(e.volumeName)) list.add([...at, "volumeName"], `no emptyDir volume named "${e.volumeName}" (an env file is read from an emptyDir volume)`);
        if (e.path === "" || e.path.startsWith("/") || e.path.split("/").includes("..")) list.add([...at, "path"], "path must be a relative file path inside the volume, without ..");
        list.check([...at, "key"], checkEnvVarName(e.key), "Key");
        break;
      case "value":
        break;
    }
  });
  c.envFrom.forEach((f, i) => {
    list.check([...path, "envFrom", i, "name"], checkDns1123Subdomain(f.name), f.type === "configMap" ? "ConfigMap name" : "Secret name");
    if (f.prefix !== undefined && f.prefix !== "") list.check([...path, "envFrom", i, "prefix"], checkEnvVarName(f.prefix), "Prefix");
  });
}

function checkKey(list: IssueList, key: string, path: IssuePath): void {
  if (!CONFIG_KEY.test(key) || key.length > 253) list.add(path, "key must be letters, digits, '-', '_' or '.'");
}
