import { describe, expect, it } from "vitest";
import { startPeriodic } from "./periodic";
import { drain } from "./shutdown";

// One file, in order: draining is for good in a process (as in production).
describe("periodic jobs and shutdown", () => {
  it("never overlaps a tick, keeps going after a failing one, and drain waits for the tick in progress before it returns", async () => {
    const events: string[] = [];
    let ticks = 0;
    let release!: () => void;
    let inSecondTick!: () => void;
    const secondTickStarted = new Promise<void>((r) => (inSecondTick = r));
    startPeriodic("test-job", 20, async () => {
      ticks += 1;
      if (ticks === 1) throw new Error("database away");
      if (ticks === 2) {
        events.push("tick 2 started");
        inSecondTick();
        await new Promise<void>((r) => (release = r));
        events.push("tick 2 finished");
      }
    });
    await secondTickStarted;
    await new Promise((r) => setTimeout(r, 100)); // several intervals pass while tick 2 runs
    expect(ticks).toBe(2); // no overlapping tick

    const drained = drain(5000).then((r) => (events.push("drained"), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(["tick 2 started"]); // drain waits for the tick
    release();
    expect(await drained).toEqual({ finished: 0, interrupted: 0, jobsStopped: true });
    expect(events).toEqual(["tick 2 started", "tick 2 finished", "drained"]);

    await new Promise((r) => setTimeout(r, 100));
    expect(ticks).toBe(2); // stopped: no tick after the drain
  });

  it("gives up on a job that outlives the grace period", async () => {
    let inTick!: () => void;
    const started = new Promise<void>((r) => (inTick = r));
    startPeriodic("stuck-job", 10, () => (inTick(), new Promise<void>(() => undefined)));
    await started;
    expect(await drain(200)).toEqual({ finished: 0, interrupted: 0, jobsStopped: false });
  });
});
