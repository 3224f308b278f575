import { describe, expect, test } from "vitest";
import { defaultAppSpec } from "./model/defaults";
import { renderYaml } from "./render/render-app";
import { yamlLinesFor } from "./yaml-locate";

// Issue 11, item 18: the YAML pane follows the field being edited.
const spec = { ...defaultAppSpec("nginx"), autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } };
const yaml = renderYaml(spec);
const lines = yaml.split("\n");
const at = (path: string) => {
  const r = yamlLinesFor(yaml, path, "nginx");
  return r ? lines.slice(r.from, r.to + 1).join("\n") : null;
};

describe("the YAML lines of a form field", () => {
  test("a container's image, in the StatefulSet", () => {
    expect(at("spec.containers.0.image")).toBe(lines.find((l) => l.includes("image: nginx:1.27")));
  });
  test("the Service's name is the Service's, not the headless one's", () => {
    const r = yamlLinesFor(yaml, "spec.service.name", "nginx")!;
    expect(lines[r.from]).toContain("name: nginx-svc");
  });
  test("the autoscaler's minimum, in the HorizontalPodAutoscaler", () => {
    expect(at("spec.autoscaling.minReplicas")).toMatch(/^\s+minReplicas: 2$/);
  });
  test("a block (the ports) covers its lines", () => {
    expect(at("spec.containers.0.ports.0.containerPort")).toMatch(/containerPort: 80/);
    expect(at("spec.service.ports.0.port")).toMatch(/port: 80/);
  });
  test("with two containers, the second container's fields are the second container's lines", () => {
    const base = defaultAppSpec("nginx");
    const two = { ...base, containers: [base.containers[0], { ...base.containers[0], name: "sidecar", image: "busybox:1.36", ports: [{ name: "metrics", containerPort: 9113, protocol: "TCP" as const }] }] };
    const y = renderYaml(two);
    const ls = y.split("\n");
    const of = (path: string) => {
      const r = yamlLinesFor(y, path, "nginx")!;
      return ls.slice(r.from, r.to + 1).join("\n");
    };
    expect(of("spec.containers.1.image")).toBe("        image: busybox:1.36");
    expect(of("spec.containers.0.image")).toBe("        image: nginx:1.27");
    expect(of("spec.containers.1.ports.0.containerPort")).toBe("          containerPort: 9113");
    expect(of("spec.containers.1.resources.requests.cpu")).toMatch(/^\s+cpu: 500m$/);
    expect(yamlLinesFor(y, "spec.containers.1.resources.requests.cpu", "nginx")!.from).toBeGreaterThan(ls.indexOf("      - name: sidecar"));
  });
  test("the second of a list's items (the Service's ports)", () => {
    const base = defaultAppSpec("nginx");
    const svc = { ...base, service: { ...base.service!, ports: [...base.service!.ports, { name: "https", port: 443, targetPort: "https", protocol: "TCP" as const }] } };
    const y = renderYaml(svc);
    const r = yamlLinesFor(y, "spec.service.ports.1.port", "nginx")!;
    expect(y.split("\n")[r.from]).toBe("    port: 443");
  });
  test("not a spec field: nothing", () => {
    expect(yamlLinesFor(yaml, "meta.name", "nginx")).toBeNull();
  });
});
