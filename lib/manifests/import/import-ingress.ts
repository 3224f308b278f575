import { CANARY_ANNOTATIONS } from "../model/network";
import { importMsg, type ImportContext } from "./import-context";
import { userLabels } from "./import-labels";
import { asObj, compact, type Obj } from "./read";

export function importIngress(ing: Obj, appName: string, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = ing;
  const { name, labels: _l, annotations: _a, ...metaRest } = asObj(metadata);
  const { ingressClassName, tls: _t, rules: _r, ...specRest } = asObj(spec);
  ctx.source("ingress", ing, metadata, spec);
  const { annotations: userAnnotations, canary } = splitCanary(ctx.stringMap(metadata, "annotations", "ingress.annotations"));
  const extra = compact({ ...topRest, metadata: compact(metaRest), spec: compact(specRest) });
  return {
    name,
    ...(ingressClassName !== undefined ? { className: ingressClassName } : {}),
    rules: ctx.list(spec, "rules", "ingress.rules").map((r, i) => importRule(r, ctx, `ingress.rules.${i}`)),
    tls: ctx.list(spec, "tls", "ingress.tls").map((t) => {
      const { hosts, secretName } = asObj(t);
      return { hosts: hosts ?? [], ...(secretName !== undefined ? { secretName } : {}) };
    }),
    ...(canary ? { canary } : {}),
    labels: userLabels(ctx.stringMap(metadata, "labels", "ingress.labels"), appName, ctx, "ingress.labels"),
    annotations: userAnnotations,
    ...(extra ? { extra } : {}),
  };
}

function importRule(raw: unknown, ctx: ImportContext, path: string): Obj {
  const { host, http, ...rest } = asObj(raw);
  ctx.dropped(rest, importMsg("warn.what.ingressRule"), path);
  ctx.source(path, raw, http);
  return {
    ...(host !== undefined ? { host } : {}),
    paths: ctx.list(http, "paths", `${path}.paths`).map((p, j) => {
      const { path: urlPath, pathType, backend } = asObj(p);
      ctx.source(`${path}.paths.${j}`, p, backend, asObj(backend).service);
      const { service, resource, ...backendRest } = asObj(backend);
      ctx.dropped(backendRest, importMsg("warn.what.ingressBackend"), `${path}.paths.${j}`);
      const common = { path: urlPath ?? "/", pathType: pathType ?? "Prefix" };
      // A backend that is another resource (a bucket, a gateway …) is kept as written.
      if (resource !== undefined && service === undefined) return { ...common, resource };
      const port = asObj(asObj(service).port);
      return { ...common, serviceName: asObj(service).name, servicePort: port.number ?? port.name };
    }),
  };
}

/** The canary annotations become the form's canary fields when their values parse. */
function splitCanary(all: Record<string, string>): { annotations: Record<string, string>; canary?: Obj } {
  if (all[CANARY_ANNOTATIONS.enabled] !== "true") return { annotations: all };
  const weightText = all[CANARY_ANNOTATIONS.weight];
  if (weightText !== undefined && !/^[0-9]{1,3}$/.test(weightText)) return { annotations: all };
  const annotations = { ...all };
  for (const key of Object.values(CANARY_ANNOTATIONS)) delete annotations[key];
  const canary: Obj = {};
  if (weightText !== undefined) canary.weight = Number(weightText);
  if (all[CANARY_ANNOTATIONS.header] !== undefined) canary.header = all[CANARY_ANNOTATIONS.header];
  if (all[CANARY_ANNOTATIONS.headerValue] !== undefined) canary.headerValue = all[CANARY_ANNOTATIONS.headerValue];
  return { annotations, canary };
}
