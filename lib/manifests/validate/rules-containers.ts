import type { AppSpec } from "../model/app-spec";
import type { Container } from "../model/container";
import { MODELLED_CONTAINER_KEYS } from "../model/container";
import { logEnvName, logTagsEnvName, logVolumeName } from "../naming";
import { field, rule, type IssueList, type IssuePath } from "./issue-list";
import { checkDns1123Label, checkImageRef, checkPortName, checkPortNumber } from "./k8s-names";
import { checkExtraKeys } from "./rules-metadata";
import { checkEnv } from "./rules-env";
import { checkProbes } from "./rules-probes";
import { checkResources } from "./rules-resources";

// Log store names also name the emptyDir volume (`logs-<store>`), so they follow DNS-1123 label rules.
const LOG_STORE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Rules for init and app containers; names, ports and log stores are unique across the pod. */
export function checkContainers(list: IssueList, spec: AppSpec): void {
  const all = [
    ...spec.initContainers.map((c, i) => ({ c, path: ["initContainers", i] as IssuePath, init: true })),
    ...spec.containers.map((c, i) => ({ c, path: ["containers", i] as IssuePath, init: false })),
  ];
  list.unique(all, (x) => x.c.name, (i) => [...all[i].path, "name"], field("containerNameLower"));
  const ports = all.flatMap((x) => x.c.ports.map((p, j) => ({ name: p.name, path: [...x.path, "ports", j, "name"] })));
  list.unique(ports, (p) => p.name, (i) => ports[i].path, field("portNameLower"));
  const stores = all.flatMap((x) => x.c.logs.map((l, j) => ({ store: l.store, path: [...x.path, "logs", j, "store"] })));
  list.unique(stores, (s) => s.store, (i) => stores[i].path, field("logStore"));

  const volumeNames = new Set([
    ...spec.volumes.map((v) => v.name),
    ...spec.volumeClaimTemplates.map((t) => t.name),
    ...all.flatMap((x) => x.c.logs.filter((l) => l.path !== "stdout").map((l) => logVolumeName(l.store))),
  ]);
  const emptyDirs = new Set(spec.volumes.filter((v) => v.type === "emptyDir").map((v) => v.name));
  for (const { c, path, init } of all) checkContainer(list, c, path, { init, volumeNames, emptyDirs });
  // The seed's cloud (ACS, chosen through the instance profile) only pulls images Always.
  // Without a policy Kubernetes chooses one from the image, so the effective policy is checked.
  if (spec.cloud) {
    for (const { c, path } of all) {
      if (c.imagePullPolicy !== undefined && c.imagePullPolicy !== "Always")
        list.add([...path, "imagePullPolicy"], rule("acsAlways"));
      else if (c.imagePullPolicy === undefined && defaultPullPolicy(c.image) !== "Always")
        list.add([...path, "imagePullPolicy"], rule("acsAlwaysDefault", { image: c.image }));
    }
  }
}

/** Kubernetes' default pull policy: Always for `:latest` or no tag, IfNotPresent for any other tag or a digest. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastPart.lastIndexOf(":");
  return colon === -1 || lastPart.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

interface ContainerContext {
  init: boolean;
  volumeNames: Set<string>;
  emptyDirs: Set<string>;
}

function checkContainer(list: IssueList, c: Container, path: IssuePath, ctx: ContainerContext): void {
  list.check([...path, "name"], checkDns1123Label(c.name), field("containerName"));
  list.check([...path, "image"], checkImageRef(c.image), field("image"));
  checkPorts(list, c, path);
  checkEnv(list, c, path, generatedEnvNames(c), ctx.emptyDirs);
  checkResources(list, c.resources, [...path, "resources"]);
  checkProbes(list, c, path, ctx.init);
  checkMounts(list, c, path, ctx.volumeNames);
  checkLogs(list, c, path);
  // A passthrough probe or hook (grpc, sleep) is fine as long as the form's own field is empty.
  const owned = MODELLED_CONTAINER_KEYS.filter((key) => isSet(c[key]));
  checkExtraKeys(list, c.extra, owned, [...path, "extra"]);
}

function checkPorts(list: IssueList, c: Container, path: IssuePath): void {
  c.ports.forEach((p, i) => {
    if (p.name !== undefined) list.check([...path, "ports", i, "name"], checkPortName(p.name), field("portName"));
    list.check([...path, "ports", i, "containerPort"], checkPortNumber(p.containerPort), field("containerPort"));
    if (p.hostPort !== undefined) list.check([...path, "ports", i, "hostPort"], checkPortNumber(p.hostPort), field("hostPort"));
  });
  list.unique(c.ports, (p) => `${p.containerPort}/${p.protocol}`, (i) => [...path, "ports", i, "containerPort"], field("portProtocol"));
}

function checkMounts(list: IssueList, c: Container, path: IssuePath, volumeNames: Set<string>): void {
  c.volumeMounts.forEach((m, i) => {
    if (!volumeNames.has(m.name)) list.add([...path, "volumeMounts", i, "name"], rule("noVolume", { name: m.name }));
    if (!m.mountPath.startsWith("/")) list.add([...path, "volumeMounts", i, "mountPath"], rule("mountAbsolute"));
  });
  list.unique(c.volumeMounts, (m) => m.mountPath, (i) => [...path, "volumeMounts", i, "mountPath"], field("mountPath"));
}

function checkLogs(list: IssueList, c: Container, path: IssuePath): void {
  c.logs.forEach((l, i) => {
    const at = [...path, "logs", i];
    if (!LOG_STORE.test(l.store) || l.store.length > 50)
      list.add([...at, "store"], rule("logStore"));
    if (l.path !== "stdout" && !l.path.startsWith("/")) list.add([...at, "path"], rule("logPath"));
    if (l.path.endsWith("/")) list.add([...at, "path"], rule("logPathFiles"));
    for (const [k, v] of Object.entries(l.tags)) {
      if (/[=,]/.test(k) || /,/.test(v) || k === "") list.add([...at, "tags", k], rule("logTags"));
    }
  });
}

/** Env names Berth adds for log collection: user env may not repeat them. */
function generatedEnvNames(c: Container): string[] {
  return c.logs.flatMap((l) => (Object.keys(l.tags).length ? [logEnvName(l.store), logTagsEnvName(l.store)] : [logEnvName(l.store)]));
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && value !== null) return Object.values(value).some(isSet);
  return true;
}
