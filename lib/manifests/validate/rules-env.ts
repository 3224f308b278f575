import type { Container } from "../model/container";
import { FIELD_REF_PATHS, RESOURCE_REF_NAMES } from "../model/env";
import { field, rule, type IssueList, type IssuePath } from "./issue-list";
import { checkDns1123Subdomain, checkEnvVarName } from "./k8s-names";
import { isQuantity } from "./quantity";

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const FIELD_REF_MAP = /^metadata\.(labels|annotations)\['[^']+'\]$/;

/** Env rows of all five kinds and envFrom; names are unique within the container. */
export function checkEnv(list: IssueList, c: Container, path: IssuePath, generated: string[], emptyDirs: Set<string>): void {
  const taken = new Set(generated);
  c.env.forEach((e, i) => {
    const at = [...path, "env", i];
    list.check([...at, "name"], checkEnvVarName(e.name), field("variableName"));
    if (taken.has(e.name)) list.add([...at, "name"], rule(generated.includes(e.name) ? "envTwiceLog" : "envTwice", { name: e.name }));
    taken.add(e.name);
    switch (e.type) {
      case "configMapKey":
        list.check([...at, "configMapName"], checkDns1123Subdomain(e.configMapName), field("configMapName"));
        checkKey(list, e.key, [...at, "key"]);
        break;
      case "secretKey":
        list.check([...at, "secretName"], checkDns1123Subdomain(e.secretName), field("secretName"));
        checkKey(list, e.key, [...at, "key"]);
        break;
      case "fieldRef":
        if (!(FIELD_REF_PATHS as readonly string[]).includes(e.fieldPath) && !FIELD_REF_MAP.test(e.fieldPath))
          list.add([...at, "fieldPath"], rule("fieldRefPath", { paths: FIELD_REF_PATHS.join(", ") }));
        break;
      case "resourceFieldRef":
        if (!(RESOURCE_REF_NAMES as readonly string[]).includes(e.resource) && !/^(limits|requests)\.hugepages-/.test(e.resource))
          list.add([...at, "resource"], rule("resourceRef", { names: RESOURCE_REF_NAMES.join(", ") }));
        if (e.divisor !== undefined && !isQuantity(e.divisor)) list.add([...at, "divisor"], rule("divisor"));
        if (e.containerName === "") list.add([...at, "containerName"], rule("containerNameEmpty"));
        break;
      case "fileKey":
        if (!emptyDirs.has(e.volumeName)) list.add([...at, "volumeName"], rule("fileKeyVolume", { name: e.volumeName }));
        if (e.path === "" || e.path.startsWith("/") || e.path.split("/").includes("..")) list.add([...at, "path"], rule("fileKeyPath"));
        list.check([...at, "key"], checkEnvVarName(e.key), field("key"));
        break;
      case "value":
        break;
    }
  });
  c.envFrom.forEach((f, i) => {
    list.check([...path, "envFrom", i, "name"], checkDns1123Subdomain(f.name), field(f.type === "configMap" ? "configMapName" : "secretName"));
    if (f.prefix !== undefined && f.prefix !== "") list.check([...path, "envFrom", i, "prefix"], checkEnvVarName(f.prefix), field("prefix"));
  });
}

function checkKey(list: IssueList, key: string, path: IssuePath): void {
  if (!CONFIG_KEY.test(key) || key.length > 253) list.add(path, rule("configKey"));
}
