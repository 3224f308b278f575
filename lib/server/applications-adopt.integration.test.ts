import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1 } from "@/e2e/support/deploy-fixtures";
import { attachCluster, auditEventsFor, newTeam } from "@/scripts/test-support/fixtures";
import { listApplications } from "./applications";
import { adoptStatefulSet, listUnmanaged } from "./applications-adopt";
import { deployTemplate, planDeployment } from "./deployments";
import { AppError } from "./errors";
import { getTemplateVersion } from "./templates";

// Adopt on the real control plane: a StatefulSet made with kubectl (with its headless Service, a
// ClusterIP Service, an Ingress and an HPA) is listed as not managed, imported into a template
// from the live objects (audited), deployed through the normal path (the plan names the take-over)
// and then shows in Applications and no longer as unmanaged. A credential that cannot list: "not allowed".
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => cluster?.dispose());

const objects = (ns: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web, namespace: ${ns}, labels: { app: web } }
spec:
  serviceName: web-hl
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${NGINX_IMAGE_1}
          ports: [{ name: http, containerPort: 80 }]
          resources: { requests: { cpu: 100m, memory: 64Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web-hl, namespace: ${ns} }
spec: { clusterIP: None, selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-svc, namespace: ${ns} }
spec: { type: ClusterIP, selector: { app: web }, ports: [{ name: http, port: 80, targetPort: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: other-svc, namespace: ${ns} }
spec: { selector: { app: other }, ports: [{ port: 81 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web-ing, namespace: ${ns} }
spec:
  rules:
    - host: adopt.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web-svc, port: { number: 80 } } } }] }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web-hpa, namespace: ${ns} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: web }
  minReplicas: 2
  maxReplicas: 4
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } } }]
---
apiVersion: v1
kind: Secret
metadata: { name: web-secret, namespace: ${ns} }
stringData: { password: do-not-copy-me }
`;

describe("adopt a StatefulSet Berth did not deploy", () => {
  it("listed as not managed → adopted into a template (audited) → deployed with the take-over in the plan → an application", async () => {
    const t = await newTeam("adopt");
    const ns = await cluster.createTestNamespace("adopt-flow");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "adopt-")), "objects.yaml");
    fs.writeFileSync(file, objects(ns));
    try {
      await cluster.kubectl("create", "-f", file);
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);

      const before = await listUnmanaged(t.ctx, { clusterId: prod, namespace: ns });
      expect(before).toMatchObject({ state: "ok", clusterName: "prod", truncated: false });
      expect(before.items.map((i) => i.name)).toEqual(["web"]);
      expect(before.items[0]).toMatchObject({ images: [NGINX_IMAGE_1], replicas: 2 });
      expect(before.items[0].managers).toContain("kubectl-create");

      const adopted = await adoptStatefulSet(t.ctx, { clusterId: prod, namespace: ns, statefulSet: "web", visibility: "team" });
      expect(adopted.objects).toEqual(["StatefulSet/web", "Service/web-hl", "Service/web-svc", "Ingress/web-ing", "HorizontalPodAutoscaler/web-hpa"]);
      const v = await getTemplateVersion(t.ctx, adopted.id, 1);
      const spec = v.spec as Record<string, any>;
      expect(spec.name).toBe("web");
      expect(spec.containers[0]).toMatchObject({ name: "web", image: NGINX_IMAGE_1, ports: [expect.objectContaining({ name: "http", containerPort: 80 })] });
      expect(spec.headlessServiceName ?? "web-hl").toBe("web-hl");
      expect(spec.service).toMatchObject({ name: "web-svc", ports: [expect.objectContaining({ port: 80 })] });
      expect(spec.ingress.rules[0]).toMatchObject({ host: "adopt.example.com", paths: [expect.objectContaining({ path: "/", serviceName: "web-svc" })] });
      expect(spec.autoscaling).toMatchObject({ minReplicas: 2, maxReplicas: 4, cpuUtilization: 60 });
      expect(JSON.stringify(v.spec)).not.toContain("do-not-copy-me");
      expect(JSON.stringify(v.spec)).not.toContain("managedFields");
      const audits = await auditEventsFor(t.teamId, "template.adopt");
      expect(audits).toHaveLength(1);
      expect(audits[0].summary).toMatchObject({ cluster: "prod", namespace: ns, statefulSet: "web" });

      // Adopting it a second time... is allowed (another template); but the plan names the take-over.
      const input = { templateId: adopted.id, version: 1, values: {}, clusterIds: [prod], namespace: ns, createNamespace: false, force: false, recreate: false };
      const plan = await planDeployment(t.ctx, input);
      const stsPlan = plan.clusters[0].plan!.objects.find((o) => o.kind === "StatefulSet")!;
      expect(stsPlan.action).not.toBe("create");
      expect(stsPlan.takeOver).toContain("kubectl-create");
      expect(plan.clusters[0].plan!.objects.find((o) => o.kind === "Ingress")!.takeOver).toContain("kubectl-create");

      const { results } = await deployTemplate(t.ctx, input);
      expect(results[0]).toMatchObject({ status: "applied" });

      const apps = await listApplications(t.ctx, { namespace: ns });
      expect(apps.items.map((a) => a.appName)).toEqual(["web"]);
      const after = await listUnmanaged(t.ctx, { clusterId: prod, namespace: ns });
      expect(after).toMatchObject({ state: "ok", items: [] });
      const again = await planDeployment(t.ctx, input);
      expect(again.clusters[0].plan!.objects.every((o) => o.takeOver.length === 0)).toBe(true);
      await expect(adoptStatefulSet(t.ctx, { clusterId: prod, namespace: ns, statefulSet: "web" })).rejects.toThrow(/already managed by Berth/);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("a credential that cannot list the namespace: a clear “not allowed”, and adopt refuses", async () => {
    const t = await newTeam("adopt-denied");
    const ns = await cluster.createTestNamespace("adopt-denied");
    try {
      const limited = await attachCluster(t.ctx, "limited", cluster.restrictedKubeconfig);
      const list = await listUnmanaged(t.ctx, { clusterId: limited, namespace: ns });
      expect(list.state).toBe("not_allowed");
      expect(list.message).toMatch(/^not allowed: your credential cannot list StatefulSet objects in namespace adopt-denied/);
      expect(formatMsg(strictTranslator("zh-CN"), list.msg!)).toBe(`不允许：您的凭证不能列出命名空间 ${ns} 中的 StatefulSet 对象`);
      expect(list.items).toEqual([]);
      const refused = await adoptStatefulSet(t.ctx, { clusterId: limited, namespace: ns, statefulSet: "web" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).message).toMatch(/not allowed/);
      expect(await auditEventsFor(t.teamId, "template.adopt")).toHaveLength(0);

      // Someone else's / an unknown cluster: said, not thrown.
      expect(await listUnmanaged(t.ctx, { clusterId: "nosuchcluster", namespace: ns })).toMatchObject({ state: "unavailable", items: [] });
      // Bad input is refused at the edge, no cluster call.
      await expect(listUnmanaged(t.ctx, { clusterId: limited, namespace: "../x" })).rejects.toThrow(/highlighted/);
      await expect(adoptStatefulSet(t.ctx, { clusterId: limited, namespace: ns, statefulSet: "__proto__" })).rejects.toThrow(/highlighted/);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});
