import type { AppSpec } from "../model/app-spec";
import { CANARY_ANNOTATIONS, type Ingress, type Service } from "../model/network";
import { field, rule, withField, type IssueList } from "./issue-list";
import { checkDns1035Label, checkDns1123Subdomain, checkHost, checkPortName, checkPortNumber, checkPortRef, checkQualifiedName } from "./k8s-names";
import { checkAnnotations, checkLabels } from "./rules-metadata";

/** Service and Ingress rules. */
export function checkNetwork(list: IssueList, spec: AppSpec): void {
  const containerPortNames = new Set(spec.containers.flatMap((c) => c.ports.flatMap((p) => (p.name ? [p.name] : []))));
  if (spec.service) checkService(list, spec.service, containerPortNames);
  if (spec.ingress) checkIngress(list, spec.ingress);
}

function checkService(list: IssueList, svc: Service, containerPortNames: Set<string>): void {
  list.check(["service", "name"], checkDns1035Label(svc.name), field("serviceName"));
  if (svc.headless && svc.type !== "ClusterIP") list.add(["service", "headless"], rule("headlessClusterIp"));
  if (svc.externalTrafficPolicy !== undefined && svc.type === "ClusterIP")
    list.add(["service", "externalTrafficPolicy"], rule("externalTrafficPolicy"));
  if (svc.ports.length === 0 && !svc.headless) list.add(["service", "ports"], rule("portMappingRequired"));
  svc.ports.forEach((p, i) => {
    const at = ["service", "ports", i];
    if (p.name !== undefined) list.check([...at, "name"], checkPortName(p.name), field("portName"));
    else if (svc.ports.length > 1) list.add([...at, "name"], rule("servicePortName"));
    list.check([...at, "port"], checkPortNumber(p.port), field("servicePort"));
    if (p.appProtocol !== undefined) list.check([...at, "appProtocol"], checkQualifiedName(p.appProtocol), field("appProtocol"));
    list.check([...at, "targetPort"], checkPortRef(p.targetPort), field("containerPort"));
    if (typeof p.targetPort === "string" && !containerPortNames.has(p.targetPort))
      list.add([...at, "targetPort"], rule("noContainerPortNamed", { name: p.targetPort }));
    if (p.nodePort !== undefined) {
      if (svc.type === "ClusterIP") list.add([...at, "nodePort"], rule("nodePortType"));
      else if (p.nodePort < 30000 || p.nodePort > 32767) list.add([...at, "nodePort"], rule("nodePortRange"));
    }
  });
  list.unique(svc.ports, (p) => p.name, (i) => ["service", "ports", i, "name"], field("portNameLower"));
  list.unique(svc.ports, (p) => `${p.port}/${p.protocol}`, (i) => ["service", "ports", i, "port"], field("portProtocol"));
  checkLabels(list, svc.labels, ["service", "labels"]);
  checkAnnotations(list, svc.annotations, ["service", "annotations"]);
}

function checkIngress(list: IssueList, ing: Ingress): void {
  list.check(["ingress", "name"], checkDns1123Subdomain(ing.name), field("ingressName"));
  if (ing.className !== undefined) list.check(["ingress", "className"], checkDns1123Subdomain(ing.className), field("ingressClass"));
  ing.rules.forEach((r, i) => {
    if (r.host !== undefined) list.check(["ingress", "rules", i, "host"], checkHost(r.host), field("host"));
    r.paths.forEach((p, j) => {
      const at = ["ingress", "rules", i, "paths", j];
      if (p.pathType !== "ImplementationSpecific" && !p.path.startsWith("/")) list.add([...at, "path"], rule("pathSlash"));
      if (p.resource) {
        // A resource backend (Kubernetes: service and resource are mutually exclusive).
        if (p.serviceName !== undefined || p.servicePort !== undefined) list.add([...at, "serviceName"], rule("serviceOrResource"));
        if (p.resource.kind.trim() === "") list.add([...at, "resource", "kind"], rule("resourceKindRequired"));
        list.check([...at, "resource", "name"], checkDns1123Subdomain(p.resource.name), field("resourceName"));
        return;
      }
      if (p.serviceName === undefined) list.add([...at, "serviceName"], withField(field("serviceName"), rule("required")));
      else list.check([...at, "serviceName"], checkDns1035Label(p.serviceName), field("serviceName"));
      if (p.servicePort === undefined) list.add([...at, "servicePort"], withField(field("servicePort"), rule("required")));
      else list.check([...at, "servicePort"], checkPortRef(p.servicePort), field("servicePort"));
    });
  });
  ing.tls.forEach((t, i) => {
    t.hosts.forEach((h, j) => list.check(["ingress", "tls", i, "hosts", j], checkHost(h), field("host")));
    if (t.secretName !== undefined) list.check(["ingress", "tls", i, "secretName"], checkDns1123Subdomain(t.secretName), field("secretName"));
  });
  const canary = ing.canary;
  if (canary) {
    if (canary.weight === undefined && canary.header === undefined) list.add(["ingress", "canary"], rule("canaryWeightOrHeader"));
    if (canary.headerValue !== undefined && canary.header === undefined) list.add(["ingress", "canary", "header"], rule("canaryHeaderValue"));
    if (canary.header !== undefined && !/^[-A-Za-z0-9_]+$/.test(canary.header)) list.add(["ingress", "canary", "header"], rule("canaryHeader"));
  }
  for (const key of Object.values(CANARY_ANNOTATIONS)) {
    if (key in ing.annotations) list.add(["ingress", "annotations", key], rule("canaryAnnotation"));
  }
  checkLabels(list, ing.labels, ["ingress", "labels"]);
  checkAnnotations(list, ing.annotations, ["ingress", "annotations"]);
}
