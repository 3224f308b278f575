import { importMsg, type ImportContext } from "./import-context";
import { userLabels } from "./import-labels";
import { asObj, compact, type Obj } from "./read";
import { withoutDefaults } from "./strip-noise";

/**
 * Fields the API server allocates. `nodePort` is kept (it pins the port the
 * user already has); cluster IPs and the health-check port are not.
 */
function serviceSpecRest(spec: Obj): Obj {
  const { clusterIP: _ip, clusterIPs: _ips, healthCheckNodePort: _hc, selector: _sel, ...rest } = withoutDefaults(spec, "serviceSpec");
  return rest;
}

/** The governing headless Service: its ports are regenerated, the rest passes through. */
export function importHeadlessService(svc: Obj, appName: string, ctx: ImportContext): Obj | undefined {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = svc;
  const { name: _n, labels: _l, ...metaRest } = asObj(metadata);
  const { type, ports: _p, ...specRest } = serviceSpecRest(asObj(spec));
  ctx.source("headlessServiceExtra", svc);
  ctx.stringMap(metadata, "annotations", "headlessServiceExtra.metadata.annotations");
  const labels = ctx.stringMap(metadata, "labels", "headlessServiceExtra.metadata.labels");
  if (asObj(spec).clusterIP !== "None") ctx.warn(importMsg("warn.notHeadless"), "headlessServiceName");
  if (type !== undefined && type !== "ClusterIP") ctx.warn(importMsg("warn.governingType", { type: String(type) }), "headlessServiceName");
  const metaExtra = compact({ ...metaRest, labels: compact(userLabels(labels, appName, ctx, "headlessServiceExtra")) });
  return compact({ ...topRest, metadata: metaExtra, spec: compact(specRest) });
}

/** The user-facing Service of step 3. */
export function importService(svc: Obj, appName: string, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = svc;
  const { name, labels: _l, annotations: _a, ...metaRest } = asObj(metadata);
  const rawSpec = asObj(spec);
  const { type, ports: _p, externalTrafficPolicy, ...specRest } = serviceSpecRest(rawSpec);
  ctx.source("service", svc, metadata, spec);
  const extra = compact({ ...topRest, metadata: compact(metaRest), spec: compact(specRest) });
  return {
    name,
    type: type ?? "ClusterIP",
    headless: rawSpec.clusterIP === "None",
    ports: ctx.list(spec, "ports", "service.ports").map((p, i) => {
      const { name: portName, port, targetPort, protocol, appProtocol, nodePort, ...rest } = asObj(p);
      ctx.dropped(rest, importMsg("warn.what.servicePort"), `service.ports.${i}`);
      return {
        ...(portName !== undefined ? { name: portName } : {}),
        port,
        // The API server defaults targetPort to the port.
        targetPort: targetPort ?? port,
        protocol: protocol ?? "TCP",
        ...(appProtocol !== undefined ? { appProtocol } : {}),
        ...(nodePort !== undefined ? { nodePort } : {}),
      };
    }),
    ...(externalTrafficPolicy !== undefined ? { externalTrafficPolicy } : {}),
    labels: userLabels(ctx.stringMap(metadata, "labels", "service.labels"), appName, ctx, "service.labels"),
    annotations: ctx.stringMap(metadata, "annotations", "service.annotations"),
    ...(extra ? { extra } : {}),
  };
}
