import type { V1Ingress } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import { CANARY_ANNOTATIONS, type Canary, type Ingress } from "../model/network";
import { objectLabels } from "./labels";
import { cloneJson, mergeExtra, setIf, sortedMap, type Obj } from "./object-helpers";

export function renderIngress(spec: AppSpec, ing: Ingress): V1Ingress {
  const metadata: Obj = { name: ing.name, labels: objectLabels(spec.name, ing.labels) };
  setIf(metadata, "annotations", sortedMap({ ...ing.annotations, ...canaryAnnotations(ing.canary) }));
  const ingSpec: Obj = {};
  if (ing.className !== undefined) ingSpec.ingressClassName = ing.className;
  setIf(
    ingSpec,
    "tls",
    ing.tls.map((t) => {
      const tls: Obj = {};
      setIf(tls, "hosts", [...t.hosts]);
      if (t.secretName !== undefined) tls.secretName = t.secretName;
      return tls;
    }),
  );
  ingSpec.rules = ing.rules.map((r) => {
    const rule: Obj = {};
    if (r.host !== undefined) rule.host = r.host;
    rule.http = {
      paths: r.paths.map((p) => ({
        path: p.path,
        pathType: p.pathType,
        backend: p.resource
          ? { resource: cloneJson(p.resource) }
          : { service: { name: p.serviceName, port: typeof p.servicePort === "number" ? { number: p.servicePort } : { name: p.servicePort } } },
      })),
    };
    return rule;
  });
  return mergeExtra({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata, spec: ingSpec }, ing.extra) as V1Ingress;
}

/** ingress-nginx community canary annotations (values are strings, as annotations must be). */
function canaryAnnotations(canary: Canary | undefined): Record<string, string> {
  if (!canary) return {};
  const out: Record<string, string> = { [CANARY_ANNOTATIONS.enabled]: "true" };
  if (canary.weight !== undefined) out[CANARY_ANNOTATIONS.weight] = String(canary.weight);
  if (canary.header !== undefined) out[CANARY_ANNOTATIONS.header] = canary.header;
  if (canary.headerValue !== undefined) out[CANARY_ANNOTATIONS.headerValue] = canary.headerValue;
  return out;
}
