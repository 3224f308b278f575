// What a cluster serves (discovery with the user's own credential) and how the plan uses it:
// the seed's scheduled and metric scaling on the local cluster, a kind no CRD provides, and the
// cloud-only features on a cluster registered with the Generic profile.
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, nginxObjects, nginxTemplate, readKubeconfig } from "@/e2e/support/deploy-fixtures";
import { english } from "@/lib/i18n/english";
import { formatMsg } from "@/lib/i18n/message";
import { discoverCapabilities, missingFeatureMsgs, missingFeatures } from "./capabilities";
import { kubeConfigFromText } from "./client";
import { planBundle } from "./plan";
import { strictTranslator } from "@/lib/i18n/strict-translator";

let cluster: TestCluster;
let admin: KubeConfig;
let restricted: KubeConfig;
let ns: string;

beforeAll(async () => {
  cluster = await setupTestCluster();
  admin = kubeConfigFromText(readKubeconfig(cluster.adminKubeconfig));
  restricted = kubeConfigFromText(readKubeconfig(cluster.restrictedKubeconfig));
  ns = await cluster.createTestNamespace("caps");
});
afterAll(async () => {
  if (ns) await cluster.deleteTestNamespace(ns).catch(() => undefined);
  await cluster?.dispose();
});

/** The seed's nginx example with metric scaling (HPA on CPU) and scheduled scaling (cron-HPA). */
function seedExample(): KubernetesObject[] {
  return nginxObjects(NGINX_IMAGE_1, "web", {
    autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 80 },
    scheduledScaling: { jobs: [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 3 }, { name: "scale-down", schedule: "0 0 20 * * *", targetSize: 2 }] },
  });
}

describe("cluster capabilities", () => {
  it("the local cluster serves the cron-HPA CRD, the metrics API and a default StorageClass", async () => {
    const caps = await discoverCapabilities(admin);
    expect(caps.cronHpa).toBe(true);
    expect(caps.metrics).toBe("available");
    expect(caps.groupVersions).toEqual(expect.arrayContaining(["v1", "apps/v1", "autoscaling.alibabacloud.com/v1beta1", "metrics.k8s.io/v1beta1"]));
    expect(caps.storageClasses).toEqual({ names: ["standard"], default: "standard" });
    expect(caps.namespaces).toEqual(expect.arrayContaining(["default", ns]));
    // No ingress controller and no cron-HPA controller run here, and the page says so instead of pretending.
    expect(caps.ingressClasses).toEqual({ names: [], default: null });
    expect(caps.cronHpaController).toBe("absent");
    expect(missingFeatures(caps)).toEqual([
      "No cron-HPA controller runs on this cluster (no Deployment kubernetes-cronhpa-controller in kube-system): scheduled scaling is stored, but its schedules never fire. Deploys are not blocked.",
      "This cluster has no IngressClass: no controller will serve Ingresses.",
    ]);
    // The same as catalogue messages: the cluster page shows them in the reader's language.
    const zhT = strictTranslator("zh-CN");
    expect(missingFeatureMsgs(caps).map((m) => formatMsg(zhT, m))).toEqual([
      "此集群上没有运行 cron-HPA 控制器（kube-system 中没有 Deployment kubernetes-cronhpa-controller）：定时伸缩会被保存，但其定时任务永远不会触发。部署不受影响。",
      "此集群没有 IngressClass：没有控制器为路由（Ingress）提供服务。",
    ]);
  });

  it("what the restricted user may not list is unknown, not empty", async () => {
    const caps = await discoverCapabilities(restricted);
    expect(caps.namespaces).toBeNull();
    expect(caps.storageClasses).toBeNull();
    expect(caps.ingressClasses).toBeNull();
    expect(caps.cronHpa).toBe(true);
    // It may not read kube-system: whether a cron-HPA controller runs is unknown, and said so.
    expect(caps.cronHpaController).toBe("unknown");
    expect(missingFeatures(caps)).toEqual([expect.stringMatching(/^Berth cannot tell whether a cron-HPA controller runs here/)]);
  });
});

describe("the plan and what the cluster serves", () => {
  it("plans the seed's scheduled and metric scaling on the local cluster: no error, the Generic profile flagged", async () => {
    const plan = await planBundle(admin, ns, seedExample(), { profile: "generic" });
    const cron = plan.objects.find((o) => o.kind === "CronHorizontalPodAutoscaler")!;
    expect(cron).toMatchObject({ action: "create", errors: [], denied: [] });
    expect(cron.warnings).toEqual([
      "no cron-HPA controller runs on this cluster (no Deployment kubernetes-cronhpa-controller in kube-system): this object is stored, but its schedules never fire",
      expect.stringMatching(/^Scheduled scaling \(CronHorizontalPodAutoscaler\): an Alibaba Cloud feature, and this cluster is registered with the Generic profile/),
    ]);
    // The console shows them in the reader's language: the same warnings as messages.
    const zh = strictTranslator("zh-CN");
    expect(cron.warningMsgs.map((m) => english(m))).toEqual(cron.warnings);
    expect(cron.warningMsgs.map((m) => formatMsg(zh, m))).toEqual([
      "此集群上没有运行 cron-HPA 控制器（kube-system 中没有 Deployment kubernetes-cronhpa-controller）：此对象会被保存，但其定时任务永远不会触发",
      "定时伸缩（CronHorizontalPodAutoscaler）：这是阿里云的功能，而此集群注册为通用 Kubernetes 集群：集群提供它的 CRD，因此会被应用；只有同时安装了 cron-HPA 控制器，定时任务才会执行。",
    ]);
    const hpa = plan.objects.find((o) => o.kind === "HorizontalPodAutoscaler")!;
    expect(hpa).toMatchObject({ errors: [], warnings: [] });
    expect(plan.objects.find((o) => o.kind === "Ingress")!.warnings).toEqual([expect.stringMatching(/no default IngressClass: nothing may serve this Ingress/)]);
    expect(plan.ok).toBe(true);
    expect(plan.capabilities?.cronHpa).toBe(true);

    const cloud = await planBundle(admin, ns, seedExample(), { profile: "alibabacloud" });
    // On the Alibaba Cloud profile the missing controller is still said (it does not block).
    expect(cloud.objects.find((o) => o.kind === "CronHorizontalPodAutoscaler")!.warnings).toEqual([expect.stringMatching(/^no cron-HPA controller runs on this cluster/)]);
    expect(cloud.ok).toBe(true);
  });

  it("a kind no installed CRD provides is named as such, never 'not a Kubernetes API'", async () => {
    const widget = { apiVersion: "widgets.berth.example/v1", kind: "Widget", metadata: { name: "w" } };
    const plan = await planBundle(admin, ns, [widget]);
    expect(plan.ok).toBe(false);
    expect(plan.objects[0].errors).toEqual([{ message: "this cluster does not serve Widget in widgets.berth.example/v1: install the CRD or API that provides it", msg: expect.anything() }]);
    expect(formatMsg(strictTranslator("zh-CN"), plan.objects[0].errors[0].msg!)).toBe("此集群不提供 widgets.berth.example/v1 中的 Widget：请安装提供它的 CRD 或 API");
    expect(JSON.stringify(plan)).not.toMatch(/not a Kubernetes API/);
  });

  it("the cloud-only features of a Generic cluster are flagged on the StatefulSet", async () => {
    // The Alibaba Cloud rules want the Always pull policy with an instance profile.
    const container = nginxTemplate("logs").spec.containers[0];
    const objects = nginxObjects(NGINX_IMAGE_1, "logs", { cloud: { instanceType: "general-purpose", qos: "default" }, containers: [{ ...container, imagePullPolicy: "Always" }] });
    const sts = objects.find((o) => o.kind === "StatefulSet") as KubernetesObject & { spec: { template: { spec: { containers: Array<{ env?: unknown[] }> } } } };
    sts.spec.template.spec.containers[0].env = [{ name: "aliyun_logs_nginx", value: "stdout" }];
    const plan = await planBundle(admin, ns, objects, { profile: "generic" });
    const warnings = plan.objects.find((o) => o.kind === "StatefulSet")!.warnings;
    expect(warnings).toEqual([
      expect.stringMatching(/^Log collection \(aliyun_logs_\* variables\): an Alibaba Cloud feature, .* nothing collects these logs here\.$/),
      expect.stringMatching(/^Instance type and QoS labels: an Alibaba Cloud feature, .* they change nothing here\.$/),
    ]);
    const zh = plan.objects.find((o) => o.kind === "StatefulSet")!.warningMsgs.map((m) => formatMsg(strictTranslator("zh-CN"), m));
    expect(zh).toEqual([expect.stringMatching(/^日志采集（aliyun_logs_\* 变量）：这是阿里云的功能/), expect.stringMatching(/^实例类型和 QoS 标签：这是阿里云的功能/)]);
  });
});
