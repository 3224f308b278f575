import { describe, expect, test } from "vitest";
import { cronJobViews } from "./detail-view";

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
