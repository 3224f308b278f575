import type { Container } from "../model/container";
import type { LifecycleHandler, Probe } from "../model/probe";
import type { IssueList, IssuePath } from "./issue-list";
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
      list.add(at, "init containers cannot have probes (only sidecars with restartPolicy: Always can)");
      continue;
    }
    checkAction(list, probe, at, portNames);
    if (kind !== "readinessProbe" && probe.successThreshold !== 1)
      list.add([...at, "successThreshold"], `must be 1 for a ${kind === "livenessProbe" ? "liveness" : "startup"} probe`);
  }
  if (c.lifecycle && init && !sidecar) list.add([...path, "lifecycle"], "init containers cannot have post-start or pre-stop hooks");
  for (const hook of ["postStart", "preStop"] as const) {
    const handler = c.lifecycle?.[hook];
    if (handler) checkAction(list, handler, [...path, "lifecycle", hook], portNames);
  }
}

function checkAction(list: IssueList, action: Probe | LifecycleHandler, path: IssuePath, portNames: Set<string>): void {
  if (action.type === "exec") {
    if (action.command.every((part) => part.trim() === "")) list.add([...path, "command"], "command is required");
    return;
  }
  list.check([...path, "port"], checkPortRef(action.port), "Port");
  if (typeof action.port === "string" && !portNames.has(action.port))
    list.add([...path, "port"], `the container has no port named "${action.port}"`);
  if (action.type === "httpGet") {
    if (!action.path.startsWith("/")) list.add([...path, "path"], "path must start with /");
    action.headers.forEach((h, i) => {
      if (!/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(h.name)) list.add([...path, "headers", i, "name"], "header name must be an HTTP token (letters, digits, -)");
    });
  }
}
