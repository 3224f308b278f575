import { describe, expect, test } from "vitest";
import { formatImportIssue } from "./import/format-issue";
import { importYaml, type ImportResult } from "./import/import-yaml";
import { defaultAppSpec } from "./model/defaults";
import { renderApp, renderYaml } from "./render/render-app";
import { validateAppSpec } from "./validate/validate-app-spec";

/** Issue 12: nothing a user wrote disappears without a word. */

/** A StatefulSet `web` whose container lines (indented 8) and pod-spec lines (indented 6) are given. */
function sts(containerLines = "", podLines = "", stsLines = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web-headless
${stsLines}  template:
    spec:
${podLines}      containers:
      - name: web
        image: nginx:1.27
${containerLines}`;
}

function failed(r: ImportResult) {
  if (r.ok) throw new Error(`expected the import to fail; it gave ${JSON.stringify(r.spec).slice(0, 300)}`);
  return r.errors;
}

function imported(r: ImportResult) {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

/** Import → render → import gives the same spec. */
function expectIdempotent(r: ImportResult) {
  const first = imported(r);
  const again = imported(importYaml(renderYaml(first.spec)));
  expect(again.spec).toEqual(first.spec);
}

describe("case 1: a list written as a map is refused with path, position and a hint", () => {
  test("env: {A: b}", () => {
    const errors = failed(importYaml(sts("        env: {A: b}\n")));
    expect(errors).toEqual([{ path: "containers.0.env", line: 12, column: 9, message: "`env` must be a list; did you mean\n- name: A\n  value: b", msg: expect.objectContaining({ key: "importYaml.shape.listHint" }) }]);
  });

  test.each([
    ["ports", "        ports: {containerPort: 80}\n", "containers.0.ports", 12, "- containerPort: 80"],
    ["volumeMounts", "        volumeMounts: {name: data, mountPath: /data}\n", "containers.0.volumeMounts", 12, "- name: data\n  mountPath: /data"],
  ])("%s", (_k, lines, path, line, hint) => {
    const errors = failed(importYaml(sts(lines)));
    expect(errors[0]).toMatchObject({ path, line, message: expect.stringContaining(`must be a list; did you mean\n${hint}`) });
  });

  test.each([
    ["imagePullSecrets", "      imagePullSecrets: {name: regcred}\n", "imagePullSecrets", 9],
    ["volumes", "      volumes: {name: data, emptyDir: {}}\n", "volumes", 9],
    ["initContainers", "      initContainers: {name: init, image: busybox}\n", "initContainers", 9],
  ])("%s", (_k, lines, path, line) => {
    const errors = failed(importYaml(sts("", lines)));
    expect(errors[0]).toMatchObject({ path, line, column: 7, message: expect.stringMatching(/must be a list; did you mean\n- name: /) });
  });

  test("volumeClaimTemplates", () => {
    const errors = failed(importYaml(sts("", "", "  volumeClaimTemplates: {metadata: {name: data}}\n")));
    expect(errors[0]).toMatchObject({ path: "volumeClaimTemplates", line: 7, column: 3, message: expect.stringContaining("must be a list") });
  });

  test("Service ports written as a map", () => {
    const text = `${sts("        ports: [{name: http, containerPort: 80}]\n", "", "  selector: {matchLabels: {app: web}}\n").replace("    spec:\n", "    metadata: {labels: {app: web}}\n    spec:\n")}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: {port: 80}
`;
    const errors = failed(importYaml(text));
    expect(errors[0]).toMatchObject({ path: "service.ports", line: 21, message: expect.stringContaining("must be a list") });
  });
});

describe("case 2: an HPA or cron-HPA keeps its name and labels", () => {
  const text = `${sts("        resources: {requests: {cpu: 100m}}\n")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-hpa
  labels: {app.kubernetes.io/name: shop, app.kubernetes.io/instance: prod, team: a}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: autoscaling.alibabacloud.com/v1beta1
kind: CronHorizontalPodAutoscaler
metadata:
  name: web-cron
  labels: {app.kubernetes.io/name: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}
  jobs: [{name: up, schedule: "0 0 8 * * *", targetSize: 4}]
`;

  test("rendered under the imported names with the user's labels", () => {
    const r = imported(importYaml(text));
    const objects = renderApp(r.spec);
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler");
    const cron = objects.find((o) => o.kind === "CronHorizontalPodAutoscaler");
    expect(hpa?.metadata?.name).toBe("web-hpa");
    expect(hpa?.metadata?.labels).toMatchObject({ "app.kubernetes.io/name": "shop", "app.kubernetes.io/instance": "prod", team: "a", "berth.dev/app": "web" });
    expect(cron?.metadata?.name).toBe("web-cron");
    expect(cron?.metadata?.labels).toMatchObject({ "app.kubernetes.io/name": "shop", "app.kubernetes.io/instance": "web" });
    expect(r.warnings).toEqual([]);
  });

  test("re-import is idempotent", () => expectIdempotent(importYaml(text)));
});

describe("case 3: user labels win over Berth's defaults on the headless Service", () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: web-headless
  labels: {app.kubernetes.io/name: shop, app.kubernetes.io/instance: prod}
spec:
  clusterIP: None
  selector: {berth.dev/app: web}
  ports: [{name: http, port: 80, targetPort: 80, protocol: TCP}]
---
${sts("        ports: [{name: http, containerPort: 80}]\n")}`;

  test("the headless Service keeps name/instance", () => {
    const r = imported(importYaml(text));
    const headless = renderApp(r.spec).find((o) => o.kind === "Service");
    expect(headless?.metadata?.labels).toMatchObject({ "app.kubernetes.io/name": "shop", "app.kubernetes.io/instance": "prod" });
  });

  test("re-import is idempotent", () => expectIdempotent(importYaml(text)));
});

describe("case 4: label and annotation values are never reinterpreted", () => {
  test("a label read as a boolean is refused with its path and position", () => {
    const text = sts().replace("  name: web\n", "  name: web\n  labels:\n    x: on\n");
    const errors = failed(importYaml(text));
    expect(errors[0]).toMatchObject({ path: "labels.x", line: 6, column: 5, message: expect.stringContaining('YAML read `on` as a boolean; write "on" in quotes') });
  });

  test("an annotation read as a number is refused", () => {
    const text = sts().replace("  name: web\n", "  name: web\n  annotations:\n    port: 8080\n");
    const errors = failed(importYaml(text));
    expect(errors[0]).toMatchObject({ path: "annotations.port", line: 6, message: expect.stringContaining('YAML read `8080` as a number; write "8080" in quotes') });
  });

  test("pod template labels too", () => {
    const text = sts().replace("  template:\n", "  template:\n    metadata:\n      labels: {tier: 1}\n");
    expect(failed(importYaml(text))[0]).toMatchObject({ path: "podLabels.tier", line: 9, column: 16 });
  });

  test("quoted values are kept as written", () => {
    const text = sts().replace("  name: web\n", '  name: web\n  labels:\n    x: "on"\n');
    expect(imported(importYaml(text)).spec.labels).toEqual({ x: "on" });
  });
});

describe("case 5: hostPort, appProtocol, mountPropagation and fileKeyRef round-trip", () => {
  const text = `${sts(`        ports: [{name: http, containerPort: 80, hostPort: 8080}]
        env:
        - name: TOKEN
          valueFrom:
            fileKeyRef: {volumeName: config, path: app.env, key: TOKEN, optional: true}
        volumeMounts: [{name: config, mountPath: /config, mountPropagation: HostToContainer}]
`, "      volumes: [{name: config, emptyDir: {}}]\n", "  selector: {matchLabels: {app: web}}\n").replace("    spec:\n", "    metadata: {labels: {app: web}}\n    spec:\n")}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, appProtocol: http}]
`;

  test("no warnings, all four kept in the spec and rendered", () => {
    const r = imported(importYaml(text));
    expect(r.warnings).toEqual([]);
    const c = r.spec.containers[0];
    expect(c.ports[0]).toMatchObject({ hostPort: 8080 });
    expect(c.volumeMounts[0]).toMatchObject({ mountPropagation: "HostToContainer" });
    expect(c.env[0]).toEqual({ type: "fileKey", name: "TOKEN", volumeName: "config", path: "app.env", key: "TOKEN", optional: true });
    expect(r.spec.service?.ports[0]).toMatchObject({ appProtocol: "http" });
    const yaml = renderYaml(r.spec);
    for (const s of ["hostPort: 8080", "appProtocol: http", "mountPropagation: HostToContainer", "fileKeyRef:"]) expect(yaml).toContain(s);
  });

  test("re-import is idempotent", () => expectIdempotent(importYaml(text)));
});

test("a field the model still cannot keep is named in a warning with its position", () => {
  const r = imported(importYaml(sts("        ports: [{containerPort: 80, hostIP: 10.0.0.1}]\n")));
  expect(r.warnings).toEqual([{ path: "containers.0.ports.0", line: 12, column: 17, message: "container port: field hostIP cannot be kept and was dropped", msg: expect.objectContaining({ key: "importYaml.warn.dropped" }) }]);
});

describe("case 6: storageClassName \"\" means no class", () => {
  const text = sts("", "", `  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: ""
      resources: {requests: {storage: 1Gi}}
`);

  test("imported without a warning and rendered as written", () => {
    const r = imported(importYaml(text));
    expect(r.warnings).toEqual([]);
    expect(r.spec.volumeClaimTemplates[0].storageClassName).toBe("");
    expect(renderYaml(r.spec)).toContain('storageClassName: ""');
  });

  test("the spec validates; an omitted class is still the default", () => {
    const spec = defaultAppSpec("web");
    const withEmpty = { ...spec, volumeClaimTemplates: [{ name: "data", storageClassName: "", size: "1Gi", accessModes: ["ReadWriteOnce" as const] }] };
    expect(validateAppSpec(withEmpty).ok).toBe(true);
    const rendered = renderYaml({ ...spec, volumeClaimTemplates: [{ name: "data", size: "1Gi", accessModes: ["ReadWriteOnce"] }] });
    expect(rendered).not.toContain("storageClassName");
  });
});

describe("case 7: an Ingress path with a resource backend", () => {
  const text = `${sts("        ports: [{name: http, containerPort: 80}]\n")}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /static
        pathType: Prefix
        backend:
          resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static-assets}
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
`;

  test("kept and rendered as written", () => {
    const r = imported(importYaml(text));
    expect(r.warnings).toEqual([]);
    const ingress = renderApp(r.spec).find((o) => o.kind === "Ingress") as { spec: { rules: { http: { paths: { backend: unknown }[] } }[] } };
    expect(ingress.spec.rules[0].http.paths.map((p) => p.backend)).toEqual([
      { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "static-assets" } },
      { service: { name: "web", port: { number: 80 } } },
    ]);
  });

  test("re-import is idempotent", () => expectIdempotent(importYaml(text)));
});

describe("messages a user can act on", () => {
  test("YAML syntax errors lead with a plain sentence and keep the position", () => {
    const errors = failed(importYaml("kind: StatefulSet\nmetadata: web\n  name: web\n"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, column: 3 });
    expect(errors[0].message).toMatch(/^line 3: this line is indented more than the one before it, but the line before has no `key:` to hold it/);
  });

  test("a tab as indentation is named", () => {
    const errors = failed(importYaml("kind: StatefulSet\nmetadata:\n\tname: web\n"));
    expect(errors[0].message).toMatch(/^line 3: .*tab/i);
  });

  test("`value: yes` says YAML read it as a boolean", () => {
    const errors = failed(importYaml(sts("        env: [{name: DEBUG, value: yes}]\n")));
    expect(errors).toEqual([{ path: "containers.0.env.0.value", line: 12, column: 29, message: 'must be a string: YAML read `yes` as a boolean; write "yes" in quotes', msg: expect.objectContaining({ key: "importYaml.shape.stringRead" }) }]);
  });

  test("a probe with no port names what is missing", () => {
    const errors = failed(importYaml(sts("        readinessProbe: {httpGet: {path: /healthz}}\n")));
    expect(errors[0].path).toBe("containers.0.readinessProbe.port");
    expect(errors[0].message).toContain("needs a port");
    expect(errors[0].message).not.toContain("unsupported shape");
    expect(errors[0].line).toBe(12);
  });

  test("`containers: \"nope\"` says it must be a list", () => {
    const text = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: \"nope\"\n";
    const errors = failed(importYaml(text));
    expect(errors).toEqual([{ path: "containers", line: 7, column: 7, message: "`containers` must be a list, not a string", msg: expect.objectContaining({ key: "importYaml.shape.listNot" }) }]);
  });

  test("the YAML pane and the import page show one line per error, the line number once", () => {
    const [syntax] = failed(importYaml("kind: StatefulSet\nmetadata: web\n  name: web\n"));
    expect(formatImportIssue(syntax)).toMatch(/^line 3, column 3: this line is indented more/);
    expect(formatImportIssue({ path: "replicas", line: 5, column: 3, message: "must be a number" })).toBe("line 5, column 3: replicas: must be a number");
  });

  test("5,000 nested [ give one error", () => {
    const errors = failed(importYaml("a: " + "[".repeat(5000)));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain("nested too deeply");
  });

  test("a path-only error carries line and column", () => {
    const text = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: three\n  template:\n    spec:\n      containers: [{name: web, image: nginx}]\n";
    expect(failed(importYaml(text))).toContainEqual({ path: "replicas", line: 5, column: 3, message: "must be a number", msg: expect.objectContaining({ key: "manifests.rules.mustBe.number" }) });
  });

  test("rule warnings carry line and column too", () => {
    const r = imported(importYaml(sts("        ports: [{containerPort: 99999}]\n")));
    expect(r.warnings).toContainEqual({ path: "containers.0.ports.0.containerPort", line: 12, column: 18, message: "Container port must be a port number between 1 and 65535", msg: expect.objectContaining({ key: "manifests.withField" }) });
  });

  test("kubectl get -o json errors carry positions as well", () => {
    const json = JSON.stringify({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web" }, spec: { replicas: "three", template: { spec: { containers: [{ name: "web", image: "nginx" }] } } } }, null, 2);
    expect(failed(importYaml(json))).toContainEqual(expect.objectContaining({ path: "replicas", line: 8 }));
  });
});

describe("the cloud profile checks the effective pull policy", () => {
  const cloudSpec = (image: string, imagePullPolicy?: "Always" | "IfNotPresent") => {
    const spec = defaultAppSpec("web");
    const { imagePullPolicy: _p, ...container } = spec.containers[0];
    return { ...spec, cloud: { instanceType: "general-purpose" as const, qos: "default" as const }, containers: [{ ...container, image, ...(imagePullPolicy ? { imagePullPolicy } : {}) }] };
  };

  test("no policy on a tagged image is IfNotPresent: refused", () => {
    const r = validateAppSpec(cloudSpec("nginx:1.27"));
    expect(r.ok ? [] : r.issues).toContainEqual({ path: "containers.0.imagePullPolicy", message: expect.stringContaining("IfNotPresent"), msg: { key: "manifests.rules.acsAlwaysDefault", values: { image: "nginx:1.27" } } });
  });

  test("no policy on :latest or an untagged image is Always: accepted", () => {
    expect(validateAppSpec(cloudSpec("nginx:latest")).ok).toBe(true);
    expect(validateAppSpec(cloudSpec("nginx")).ok).toBe(true);
  });

  test("an explicit Always is accepted", () => {
    expect(validateAppSpec(cloudSpec("nginx:1.27", "Always")).ok).toBe(true);
  });
});
