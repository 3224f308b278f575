import "server-only";
import { onDrain } from "./shutdown";
import { errorFields, log } from "./observability/log";

// A job every instance runs on a timer (the webhook outbox, request expiry, the abandoned-deploy
// sweep). A tick never overlaps the previous one; a failing tick (the database away) is logged
// once until it works again; the timer does not keep the process alive. On shutdown the timer
// stops and the tick in progress is awaited (within the grace period), so a webhook being sent or
// a record being swept is finished rather than cut off. State is per process by design: the work
// itself is shared between instances through SKIP LOCKED claims, not through this.
export type Periodic = { stop(): Promise<void> };

const g = globalThis as unknown as { berthPeriodic?: Map<string, Periodic> };

export function startPeriodic(name: string, intervalMs: number, tick: () => Promise<void>): Periodic {
  const started = (g.berthPeriodic ??= new Map());
  const existing = started.get(name);
  if (existing) return existing; // Next may evaluate instrumentation more than once

  let current: Promise<void> | null = null;
  let failing = false;
  let stopped = false;
  const run = () => {
    if (current || stopped) return;
    current = tick()
      .then(() => {
        if (failing) log().info({ job: name }, "periodic job works again");
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) log().error({ job: name, ...errorFields(error) }, "periodic job failed (will retry)");
        failing = true;
      })
      .finally(() => (current = null));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const job: Periodic = {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
  started.set(name, job);
  onDrain(() => job.stop());
  return job;
}
