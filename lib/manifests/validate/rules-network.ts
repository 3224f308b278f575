import type { AppSpec } from "../model/app-spec";
import { CANARY_ANNOTATIONS, type Ingress, type Service } from "../model/network";
import type { IssueList } from "./issue-list";
import { checkDns1035Label, checkDns1123Subdomain, checkHost, checkPortName, checkPortNumber, checkPortRef, checkQualifiedName } from "./k8s-names";
import { checkAnnotations, checkLabels } from "./rules-metadata";

/** Service and Ingress rules. */
export function checkNetwork(list: IssueList, spec: AppSpec): void {
  const containerPortNames = new Set(spec.containers.flatMap((c) => c.ports.flatMap((p) => (p.name ? [p.name] : []))));
  if (spec.service) checkService(list, spec.service, containerPortNames);
  if (spec.ingress) checkIngress(list, spec.ingress);
}

function checkService(list: IssueList, svc: Service, containerPortNames: Set<string>): void {
  list.check(["service", "name"], checkDns1035Label(svc.name), "Service name");
  if (svc.headless && svc.type !== "ClusterIP") list.add(["service", "headless"], "only a ClusterIP Service can be headless");
  if (svc.externalTrafficPolicy !== undefined && svc.type === "ClusterIP")
    list.add(["service", "externalTrafficPolicy"], "external traffic policy applies only to LoadBalancer and NodePort Services");
  if (svc.ports.length === 0 && !svc.headless) list.add(["service", "ports"], "add at least one port mapping");
  svc.ports.forEach((p, i) => {
    const at = ["service", "ports", i];
    if (p.name !== undefined) list.check([...at, "name"], checkPortName(p.name), "Port name");
    else if (svc.ports.length > 1) list.add([...at, "name"], "each port needs a name when the Service has more than one");
    list.check([...at, "port"], checkPortNumber(p.port), "Service port");
    if (p.appProtocol !== undefined) list.check([...at, "appProtocol"], checkQualifiedName(p.appProtocol), "App protocol");
    list.check([...at, "targetPort"], checkPortRef(p.targetPort), "Container port");
    if (typeof p.targetPort === "string" && !containerPortNames.has(p.targetPort))
      list.add([...at, "targetPort"], `no container port is named "${p.targetPort}"`);
    if (p.nodePort !== undefined) {
      if (svc.type === "ClusterIP") list.add([...at, "nodePort"], "node ports apply only to NodePort and LoadBalancer Services");
      else if (p.nodePort < 30000 || p.nodePort > 32767) list.add([...at, "nodePort"], "node port must be between 30000 and 32767");
    }
  });
  list.unique(svc.ports, (p) => p.name, (i) => ["service", "ports", i, "name"], "port name");
  list.unique(svc.ports, (p) => `${p.port}/${p.protocol}`, (i) => ["service", "ports", i, "port"], "port/protocol");
  checkLabels(list, svc.labels, ["service", "labels"]);
  checkAnnotations(list, svc.annotations, ["service", "annotations"]);
}

function checkIngress(list: IssueList, ing: Ingress): void {
  list.check(["ingress", "name"], checkDns1123Subdomain(ing.name), "Ingress name");
  if (ing.className !== undefined) list.check(["ingress", "className"], checkDns1123Subdomain(ing.className), "Ingress class");
  ing.rules.forEach((r, i) => {
    if (r.host !== undefined) list.check(["ingress", "rules", i, "host"], checkHost(r.host), "Host");
    r.paths.forEach((p, j) => {
      const at = ["ingress", "rules", i, "paths", j];
      if (p.pathType !== "ImplementationSpecific" && !p.path.startsWith("/")) list.add([...at, "path"], "path must start with /");
      if (p.resource) {
        // A resource backend (Kubernetes: service and resource are mutually exclusive).
        if (p.serviceName !== undefined || p.servicePort !== undefined) list.add([...at, "serviceName"], "a path goes to a Service or to a resource, not both");
        if (p.resource.kind.trim() === "") list.add([...at, "resource", "kind"], "resource kind is required");
        list.check([...at, "resource", "name"], checkDns1123Subdomain(p.resource.name), "Resource name");
        return;
      }
      if (p.serviceName === undefined) list.add([...at, "serviceName"], "Service name is required");
      else list.check([...at, "serviceName"], checkDns1035Label(p.serviceName), "Service name");
      if (p.servicePort === undefined) list.add([...at, "servicePort"], "Service port is required");
      else list.check([...at, "servicePort"], checkPortRef(p.servicePort), "Service port");
    });
  });
  ing.tls.forEach((t, i) => {
    t.hosts.forEach((h, j) => list.check(["ingress", "tls", i, "hosts", j], checkHost(h), "Host"));
    if (t.secretName !== undefined) list.check(["ingress", "tls", i, "secretName"], checkDns1123Subdomain(t.secretName), "Secret name");
  });
  const canary = ing.canary;
  if (canary) {
    if (canary.weight === undefined && canary.header === undefined) list.add(["ingress", "canary"], "set a canary weight or a header");
    if (canary.headerValue !== undefined && canary.header === undefined) list.add(["ingress", "canary", "header"], "a header value needs a header name");
    if (canary.header !== undefined && !/^[-A-Za-z0-9_]+$/.test(canary.header)) list.add(["ingress", "canary", "header"], "header must be an HTTP header name");
  }
  for (const key of Object.values(CANARY_ANNOTATIONS)) {
    if (key in ing.annotations) list.add(["ingress", "annotations", key], "use the canary fields instead of this annotation");
  }
  checkLabels(list, ing.labels, ["ingress", "labels"]);
  checkAnnotations(list, ing.annotations, ["ingress", "annotations"]);
}
