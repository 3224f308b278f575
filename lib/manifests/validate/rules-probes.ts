import type { Container } from "../model/container";
import type { LifecycleHandler, Probe } from "../model/probe";
import { field, rule, type IssueList, type IssuePath } from "./issue-list";
import { checkPortRef } from "./k8s-names";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

/** Probe handlers and timings; liveness and startup need successThreshold 1. */
export function checkProbes(list: IssueList, c: Container, path: IssuePath, init: boolean): void {
  const portNames = new Set(c.ports.flatMap((p) => (p.name ? [p.name] : [])));
  const sidecar = c.extra?.restartPolicy === "Always";
  for (const kind of PROBES) {
    const probe = c[kind];
    if (!probe) continue;
    const at = [...path, kind];
    if (init && !sidecar) {
      list.add(at, rule("initProbes"));
      continue;
    }
    checkAction(list, probe, at, portNames);
    if (kind !== "readinessProbe" && probe.successThreshold !== 1)
      list.add([...at, "successThreshold"], rule(kind === "livenessProbe" ? "successOneLiveness" : "successOneStartup"));
  }
  if (c.lifecycle && init && !sidecar) list.add([...path, "lifecycle"], rule("initHooks"));
  for (const hook of ["postStart", "preStop"] as const) {
    const handler = c.lifecycle?.[hook];
    if (handler) checkAction(list, handler, [...path, "lifecycle", hook], portNames);
  }
}

function checkAction(list: IssueList, action: Probe | LifecycleHandler, path: IssuePath, portNames: Set<string>): void {
  if (action.type === "exec") {
    if (action.command.every((part) => part.trim() === "")) list.add([...path, "command"], rule("commandRequired"));
    return;
  }
  list.check([...path, "port"], checkPortRef(action.port), field("port"));
  if (typeof action.port === "string" && !portNames.has(action.port))
    list.add([...path, "port"], rule("noPortNamed", { name: action.port }));
  if (action.type === "httpGet") {
    if (!action.path.startsWith("/")) list.add([...path, "path"], rule("pathSlash"));
    action.headers.forEach((h, i) => {
      if (!/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(h.name)) list.add([...path, "headers", i, "name"], rule("headerToken"));
    });
  }
}
