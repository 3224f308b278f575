import { describe, expect, it } from "vitest";
import { cloudFeaturesOf } from "./cloud-features";
import { defaultAppSpec, renderApp } from "./index";

describe("cloudFeaturesOf", () => {
  it("finds scheduled scaling, log collection and the instance profile in rendered objects", () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      spec: {
        template: {
          metadata: { labels: { "alibabacloud.com/compute-class": "general-purpose" } },
          spec: { containers: [{ name: "web", env: [{ name: "aliyun_logs_nginx", value: "stdout" }] }] },
        },
      },
    };
    expect(cloudFeaturesOf(sts)).toEqual(["logCollection", "instanceProfile"]);
    expect(cloudFeaturesOf({ apiVersion: "autoscaling.alibabacloud.com/v1beta1", kind: "CronHorizontalPodAutoscaler" })).toEqual(["scheduledScaling"]);
    expect(cloudFeaturesOf({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" })).toEqual([]);
  });

  it("finds nothing in a plain app, and ignores hostile shapes", () => {
    expect(renderApp(defaultAppSpec()).flatMap(cloudFeaturesOf)).toEqual([]);
    expect(cloudFeaturesOf(null)).toEqual([]);
    expect(cloudFeaturesOf({ kind: "StatefulSet", spec: { template: { metadata: { labels: { constructor: "x" } }, spec: { containers: "nope" } } } })).toEqual([]);
  });
});
