import type { V1Service, V1ServicePort } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import type { Service } from "../model/network";
import { headlessServiceName, selectorLabels } from "../naming";
import { bagLabels, objectLabels } from "./labels";
import { mergeExtra, setIf, sortedMap, type Obj } from "./object-helpers";

/**
 * The governing Service of the StatefulSet (`clusterIP: None`): it gives each
 * pod its stable DNS name. Ports are the app containers' named ports.
 */
export function renderHeadlessService(spec: AppSpec): V1Service {
  const svcSpec: Obj = { type: "ClusterIP", clusterIP: "None", selector: sortedMap(selectorLabels(spec)) };
  setIf(svcSpec, "ports", headlessPorts(spec));
  const svc: Obj = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: headlessServiceName(spec), labels: objectLabels(spec.name, bagLabels(spec.headlessServiceExtra)) },
    spec: svcSpec,
  };
  return mergeExtra(svc, spec.headlessServiceExtra) as V1Service;
}

function headlessPorts(spec: AppSpec): V1ServicePort[] {
  const ports: V1ServicePort[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const c of spec.containers) {
    for (const p of c.ports) {
      total++;
      if (p.name === undefined || seen.has(p.name)) continue;
      seen.add(p.name);
      // targetPort is what the API server would default it to; explicit, it keeps live diffs quiet.
      ports.push({ name: p.name, port: p.containerPort, targetPort: p.containerPort as never, protocol: p.protocol });
    }
  }
  // A Service with several ports needs a name on each; a single unnamed port is fine alone.
  if (ports.length === 0 && total === 1) {
    const p = spec.containers.find((c) => c.ports.length)!.ports[0];
    ports.push({ port: p.containerPort, targetPort: p.containerPort as never, protocol: p.protocol });
  }
  return ports;
}

/** The user-facing Service of step 3. */
export function renderService(spec: AppSpec, svc: Service): V1Service {
  const metadata: Obj = { name: svc.name, labels: objectLabels(spec.name, svc.labels) };
  setIf(metadata, "annotations", sortedMap(svc.annotations));
  const svcSpec: Obj = { type: svc.type };
  if (svc.headless) svcSpec.clusterIP = "None";
  svcSpec.selector = sortedMap(selectorLabels(spec));
  setIf(
    svcSpec,
    "ports",
    svc.ports.map((p) => {
      const port: Obj = {};
      if (p.name !== undefined) port.name = p.name;
      port.port = p.port;
      port.targetPort = p.targetPort;
      port.protocol = p.protocol;
      if (p.appProtocol !== undefined) port.appProtocol = p.appProtocol;
      if (p.nodePort !== undefined) port.nodePort = p.nodePort;
      return port;
    }),
  );
  if (svc.externalTrafficPolicy !== undefined) svcSpec.externalTrafficPolicy = svc.externalTrafficPolicy;
  return mergeExtra({ apiVersion: "v1", kind: "Service", metadata, spec: svcSpec }, svc.extra) as V1Service;
}
