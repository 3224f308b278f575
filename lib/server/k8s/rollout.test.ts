import { describe, expect, test } from "vitest";
import { autoscalerOf, desiredReplicas, scheduleOf } from "./rollout";

// Issue 11, item 8: with an autoscaler the StatefulSet is deployed without spec.replicas and
// starts at 1; the rollout must not say "ready 1/1" while 2 are asked for.
const hpa = (name: string, target: string, min: number | undefined, max: number, desired?: number) => ({
  metadata: { name },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: target }, minReplicas: min, maxReplicas: max },
  status: desired === undefined ? undefined : { currentReplicas: 1, desiredReplicas: desired },
});

describe("desired replicas with an autoscaler", () => {
  test("the autoscaler's minimum counts before its first sync", () => {
    const a = autoscalerOf([hpa("other", "db", 3, 6), hpa("nginx", "nginx", 2, 5)], "nginx");
    expect(a).toEqual({ name: "nginx", minReplicas: 2, maxReplicas: 5, desiredReplicas: null });
    expect(desiredReplicas(1, a)).toBe(2);
  });

  test("then its desired count, and never below the StatefulSet's own while it scales down", () => {
    expect(desiredReplicas(2, autoscalerOf([hpa("nginx", "nginx", 2, 5, 4)], "nginx"))).toBe(4);
    expect(desiredReplicas(4, autoscalerOf([hpa("nginx", "nginx", 2, 5, 2)], "nginx"))).toBe(4);
  });

  test("no autoscaler (or one for another app): the StatefulSet's count", () => {
    expect(desiredReplicas(3, autoscalerOf([hpa("db", "db", 5, 9)], "nginx"))).toBe(3);
    expect(desiredReplicas(1, undefined)).toBe(1);
  });

  test("a hostile reply is ignored, not trusted to size anything", () => {
    expect(autoscalerOf([hpa("nginx", "nginx", -1, 5)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", 2, 1e12)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", 2, 5, 2.5)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", undefined, 5)], "nginx")?.minReplicas).toBe(1);
  });
});

// Issue 11, item 8 with scheduled scaling: a cron-HPA sets the count only when its schedules fire
// (through a controller); the rollout shows the StatefulSet's own count and says what may change
// it, and whether a controller has picked the schedule up at all (it writes the status).
const cron = (name: string, target: string, jobs: unknown[], status?: unknown) => ({
  apiVersion: "autoscaling.alibabacloud.com/v1beta1",
  kind: "CronHorizontalPodAutoscaler",
  metadata: { name },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: target }, jobs },
  ...(status === undefined ? {} : { status }),
});

describe("scheduled scaling in the rollout", () => {
  const jobs = [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 3 }, { name: "scale-down", schedule: "0 0 20 * * *", targetSize: 2 }];
  test("its jobs, and no controller has picked it up while it has no status", () => {
    expect(scheduleOf([cron("db", "db", jobs), cron("nginx", "nginx", jobs)], "nginx")).toEqual({ name: "nginx", jobs, pickedUp: false });
  });
  test("a controller writes its status: picked up", () => {
    expect(scheduleOf([cron("nginx", "nginx", jobs, { conditions: [{ name: "scale-up", state: "Submitted" }] })], "nginx")?.pickedUp).toBe(true);
  });
  test("none for another app; a hostile reply is cut and checked", () => {
    expect(scheduleOf([cron("db", "db", jobs)], "nginx")).toBeUndefined();
    const many = Array.from({ length: 500 }, (_, i) => ({ name: `j${i}`, schedule: "x".repeat(5000), targetSize: i }));
    const s = scheduleOf([cron("nginx", "nginx", [...many, { name: "bad", schedule: "* * * * *", targetSize: -1 }])], "nginx")!;
    expect(s.jobs.length).toBeLessThanOrEqual(20);
    expect(s.jobs.every((j) => j.schedule.length <= 100)).toBe(true);
    expect(scheduleOf([cron("nginx", "nginx", [{ name: "bad", schedule: "* * * * *", targetSize: 1.5 }])], "nginx")!.jobs).toEqual([]);
    expect(scheduleOf([{ spec: "nonsense" }, null], "nginx")).toBeUndefined();
  });
});
