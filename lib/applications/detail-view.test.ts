import { describe, expect, test } from "vitest";
import { formatMsg } from "@/lib/i18n/message";
import { cronJobViews, hpaViews, reachViews, type IngressView, type ServiceView } from "./detail-view";
import { strictTranslator } from "@/lib/i18n/strict-translator";

// Issue 11, item 1: on a cluster without the cron-HPA controller a schedule is stored and never
// fires; the application page says so (a controller writes the CronHPA's status, nothing else does).
const cron = (status?: unknown) => ({
  apiVersion: "autoscaling.alibabacloud.com/v1beta1",
  kind: "CronHorizontalPodAutoscaler",
  metadata: { name: "nginx" },
  spec: { jobs: [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 4 }] },
  ...(status === undefined ? {} : { status }),
});

describe("the application page's scheduled scaling", () => {
  test("a CronHPA with no status: not picked up by a controller", () => {
    expect(cronJobViews([cron()])).toEqual([{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 4, state: "", pickedUp: false }]);
  });
  test("a controller wrote its status: picked up, with the job's state", () => {
    expect(cronJobViews([cron({ conditions: [{ name: "scale-up", state: "Submitted" }] })])).toEqual([{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 4, state: "Submitted", pickedUp: true }]);
  });
});

// How to reach the app (the seed guide's last step): our notes in the reader's language, the
// hosts-file line itself as it is.
describe("reachViews notes", () => {
  const zhT = strictTranslator("zh-CN");
  const ingress = (addresses: string[]): IngressView => ({ name: "nginx-ingress", className: "nginx", rules: [{ host: "foo.bar.com", paths: [{ path: "/", service: "nginx-svc", port: "80" }] }], tls: [], addresses });
  const service: ServiceView = { name: "nginx-svc", type: "ClusterIP", clusterIP: "10.0.0.1", ports: ["http 80→80/TCP"], endpoints: [], loadBalancer: [] };

  test("a test domain with a load-balancer address: the hosts-file line and why, in both languages", () => {
    const [r] = reachViews("shop", [ingress(["10.11.12.13"])], [service]);
    expect(r).toMatchObject({ url: "http://foo.bar.com/", hostsLine: "10.11.12.13 foo.bar.com", note: "For a test domain that does not resolve to 10.11.12.13, add this line to your hosts file." });
    expect(formatMsg(zhT, r.noteMsg!)).toBe("如果测试域名没有解析到 10.11.12.13，请把这一行加入 hosts 文件。");
  });

  test("no address yet, and no Ingress at all", () => {
    expect(reachViews("shop", [ingress([])], [service])[0].note).toBe("The Ingress has no load-balancer address yet (is an ingress controller running?).");
    const [inside] = reachViews("shop", [], [service]);
    expect(inside).toMatchObject({ url: "nginx-svc.shop.svc:80", note: "Inside the cluster only (no Ingress or load balancer)." });
    expect(formatMsg(zhT, inside.noteMsg!)).toBe("仅限集群内部访问（没有 Ingress 或负载均衡）。");
  });
});

// The metric scaling line: the cluster's names and figures as they are, our words ("target",
// "unknown") in the reader's language; the English stays what the page said before.
describe("hpaViews metrics", () => {
  const zhT = strictTranslator("zh-CN");
  const hpa = (currentMetrics?: unknown[]) => ({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "nginx" },
    spec: {
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "200Mi" } } },
      ],
    },
    status: { currentReplicas: 2, desiredReplicas: 2, ...(currentMetrics ? { currentMetrics } : {}) },
  });

  test("not measured yet: unknown, in both languages", () => {
    const [view] = hpaViews([hpa()]);
    expect(view.metrics).toEqual(["cpu: unknown / target 80%", "memory: unknown / target 200Mi"]);
    expect(view.metricMsgs.map((m) => formatMsg(zhT, m))).toEqual(["cpu：当前 未知 / 目标 80%", "memory：当前 未知 / 目标 200Mi"]);
  });

  test("measured: the cluster's figures", () => {
    const [view] = hpaViews([hpa([{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 40 } } }, { type: "Resource", resource: { name: "memory", current: { averageValue: "120Mi" } } }])]);
    expect(view.metrics).toEqual(["cpu: 40% / target 80%", "memory: 120Mi / target 200Mi"]);
    expect(view.metricMsgs.map((m) => formatMsg(zhT, m))).toEqual(["cpu：当前 40% / 目标 80%", "memory：当前 120Mi / 目标 200Mi"]);
  });
});
