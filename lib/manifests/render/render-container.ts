import type { V1Container, V1VolumeMount } from "@kubernetes/client-node";
import type { Container, ContainerPort } from "../model/container";
import { logDirectory, logVolumeName } from "../naming";
import { renderEnvFrom, renderEnvVar, renderLogEnv } from "./render-env";
import { renderLifecycleHandler, renderProbe } from "./render-probe";
import { mergeExtra, setIf, sortedMap, type Obj } from "./object-helpers";

/** One container in the conventional key order; log collection adds env and a mount. */
export function renderContainer(c: Container): V1Container {
  const out: Obj = { name: c.name, image: c.image };
  if (c.imagePullPolicy !== undefined) out.imagePullPolicy = c.imagePullPolicy;
  if (c.command.length) out.command = [...c.command];
  if (c.args.length) out.args = [...c.args];
  if (c.ports.length) out.ports = c.ports.map(renderPort);
  const env = c.env.map(renderEnvVar);
  for (const log of c.logs) env.push(...renderLogEnv(log));
  setIf(out, "env", env);
  if (c.envFrom.length) out.envFrom = c.envFrom.map(renderEnvFrom);
  const resources: Obj = {};
  setIf(resources, "limits", sortedMap(c.resources.limits));
  setIf(resources, "requests", sortedMap(c.resources.requests));
  setIf(out, "resources", resources);
  setIf(out, "volumeMounts", renderMounts(c));
  if (c.livenessProbe) out.livenessProbe = renderProbe(c.livenessProbe);
  if (c.readinessProbe) out.readinessProbe = renderProbe(c.readinessProbe);
  if (c.startupProbe) out.startupProbe = renderProbe(c.startupProbe);
  if (c.lifecycle?.postStart || c.lifecycle?.preStop) {
    const lifecycle: Obj = {};
    if (c.lifecycle.postStart) lifecycle.postStart = renderLifecycleHandler(c.lifecycle.postStart);
    if (c.lifecycle.preStop) lifecycle.preStop = renderLifecycleHandler(c.lifecycle.preStop);
    out.lifecycle = lifecycle;
  }
  if (c.stdin) out.stdin = true;
  if (c.tty) out.tty = true;
  return mergeExtra(out, c.extra) as unknown as V1Container;
}

function renderPort(p: ContainerPort): Obj {
  const out: Obj = {};
  if (p.name !== undefined) out.name = p.name;
  out.containerPort = p.containerPort;
  if (p.hostPort !== undefined) out.hostPort = p.hostPort;
  out.protocol = p.protocol;
  return out;
}

function renderMounts(c: Container): V1VolumeMount[] {
  const mounts: V1VolumeMount[] = c.volumeMounts.map((m) => {
    const out: V1VolumeMount = { name: m.name, mountPath: m.mountPath };
    if (m.subPath !== undefined) out.subPath = m.subPath;
    if (m.readOnly !== undefined) out.readOnly = m.readOnly;
    if (m.mountPropagation !== undefined) out.mountPropagation = m.mountPropagation;
    return out;
  });
  for (const log of c.logs) {
    if (log.path !== "stdout") mounts.push({ name: logVolumeName(log.store), mountPath: logDirectory(log.path) });
  }
  return mounts;
}
