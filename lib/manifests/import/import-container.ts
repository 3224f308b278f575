import { importMsg, type ImportContext } from "./import-context";
import { importEnvFrom, importEnvVar } from "./import-env";
import { extractLogs } from "./import-logs";
import { importLifecycle, importProbe } from "./import-probe";
import { asObj, asStringMap, compact, type Obj } from "./read";
import { withoutDefaults } from "./strip-noise";

/** A Kubernetes container → model container; unmodelled fields go to `extra`. */
export function importContainer(raw: unknown, podVolumes: unknown[], ctx: ImportContext, path: string): { container: Obj; logVolumes: string[] } {
  const {
    name, image, imagePullPolicy, command, args, ports: _p, env: _e, envFrom: _f, resources, stdin, tty,
    lifecycle, volumeMounts: _m, livenessProbe, readinessProbe, startupProbe, ...rest
  } = withoutDefaults(asObj(raw), "container");
  const extra: Obj = { ...rest };
  const list = (key: string) => ctx.list(raw, key, `${path}.${key}`);
  const logs = extractLogs(list("env"), list("volumeMounts"), podVolumes);
  const container: Obj = {
    name,
    image,
    ...(imagePullPolicy !== undefined ? { imagePullPolicy } : {}),
    command: command ?? [],
    args: args ?? [],
    ports: list("ports").map((p, i) => importPort(p, ctx, `${path}.ports.${i}`)),
    env: logs.env.flatMap((e, i) => importEnvVar(e, ctx, `${path}.env.${i}`) ?? []),
    envFrom: list("envFrom").flatMap((e, i) => importEnvFrom(e, ctx, `${path}.envFrom.${i}`) ?? []),
    resources: importResources(resources, ctx, `${path}.resources`),
    stdin: stdin ?? false,
    tty: tty ?? false,
    volumeMounts: logs.mounts.map((m, i) => importMount(m, ctx, `${path}.volumeMounts.${i}`)),
    logs: logs.logs,
  };
  for (const [key, value] of [["livenessProbe", livenessProbe], ["readinessProbe", readinessProbe], ["startupProbe", startupProbe]] as const) {
    if (value === undefined) continue;
    const probe = importProbe(value);
    if (probe) {
      container[key] = probe;
      requirePort(probe, value, ctx, `${path}.${key}`);
    }
    else extra[key] = value; // grpc probes and the like pass through unchanged
  }
  if (lifecycle !== undefined) {
    const hooks = importLifecycle(lifecycle);
    if (hooks) {
      container.lifecycle = hooks;
      for (const hook of ["postStart", "preStop"] as const) if (hooks[hook]) requirePort(asObj(hooks[hook]), asObj(lifecycle)[hook], ctx, `${path}.lifecycle.${hook}`);
    }
    else extra.lifecycle = lifecycle;
  }
  const kept = compact(extra);
  if (kept) container.extra = kept;
  return { container, logVolumes: logs.volumeNames };
}

/** An HTTP or TCP probe/hook must name a port; say so instead of "unsupported shape". */
function requirePort(action: Obj, raw: unknown, ctx: ImportContext, path: string): void {
  if ((action.type !== "httpGet" && action.type !== "tcpSocket") || action.port !== undefined) return;
  ctx.error(importMsg("warn.needsPort", { type: String(action.type) }), `${path}.port`, [raw, action.type as string]);
}

function importPort(raw: unknown, ctx: ImportContext, path: string): Obj {
  const { name, containerPort, hostPort, protocol, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.containerPort"), path);
  return { ...(name !== undefined ? { name } : {}), containerPort, ...(hostPort !== undefined ? { hostPort } : {}), protocol: protocol ?? "TCP" };
}

function importMount(raw: unknown, ctx: ImportContext, path: string): Obj {
  const { name, mountPath, subPath, readOnly, mountPropagation, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.volumeMount"), path);
  return {
    name, mountPath,
    ...(subPath !== undefined ? { subPath } : {}),
    ...(readOnly !== undefined ? { readOnly } : {}),
    ...(mountPropagation !== undefined ? { mountPropagation } : {}),
  };
}

function importResources(raw: unknown, ctx: ImportContext, path: string): Obj {
  const { requests, limits, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.resources"), path);
  return { requests: quantities(requests), limits: quantities(limits) };
}

/** Quantities may arrive as YAML numbers (`cpu: 1`); the model keeps strings. */
function quantities(v: unknown): Record<string, string> {
  const out = asStringMap(v);
  for (const [k, val] of Object.entries(asObj(v))) if (typeof val === "number") out[k] = String(val);
  return out;
}
