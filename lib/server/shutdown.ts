import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import { AppError } from "./errors";
import { errorFields, log } from "./observability/log";

// Graceful shutdown of one instance (SIGTERM from Kubernetes, Docker or the launcher). Next's own
// handler stops accepting connections and exits once the requests in flight have finished; this
// one bounds that by a grace period (BERTH_SHUTDOWN_GRACE_SECONDS). A deploy running when the grace
// period ends is not left "applying" for the next deploy to find stale 10 minutes later: its record
// is finished as failed ("interrupted") with its audit event, then the process exits. Deploys that
// would start while draining are refused (another instance takes the retry).
type Tracked = { claimed: boolean; interrupt: (outcome: Msg) => Promise<void> };
type State = { draining: boolean; inFlight: Set<Tracked>; idle: (() => void)[]; stoppers: (() => Promise<void>)[] };
const g = globalThis as unknown as { berthShutdown?: State };
const state = (): State => (g.berthShutdown ??= { draining: false, inFlight: new Set(), idle: [], stoppers: [] });

/** Work to stop when draining (periodic jobs: the webhook outbox, the sweeper); awaited within the grace period. */
export function onDrain(stop: () => Promise<void>): void {
  state().stoppers.push(stop);
}

export function isDraining(): boolean {
  return state().draining;
}

export function refuseWhileDraining(): void {
  if (state().draining) throw new AppError({ key: "errors.shuttingDown" }, "unavailable");
}

/**
 * Registers a running deploy. `claim()` must be won before writing its outcome: it returns false
 * when the shutdown already finished the record as interrupted. `release()` when done.
 */
export function trackDeploy(interrupt: (outcome: Msg) => Promise<void>): { claim(): boolean; release(): void } {
  const s = state();
  const tracked: Tracked = { claimed: false, interrupt };
  s.inFlight.add(tracked);
  return {
    claim() {
      if (tracked.claimed) return false;
      tracked.claimed = true;
      return true;
    },
    release() {
      s.inFlight.delete(tracked);
      if (s.inFlight.size === 0) for (const resolve of s.idle.splice(0)) resolve();
    },
  };
}

/** The outcome an interrupted deploy's record keeps (English in `message`, this for the console). */
export const interruptedMessage = (graceSeconds: number): Msg => msg("serverErrors.deployments.interrupted", { seconds: String(graceSeconds) });

/**
 * Stops new deploys and periodic jobs, waits up to graceMs for running deploys and for the jobs'
 * ticks in progress, then finishes the deploys still running as interrupted.
 */
export async function drain(graceMs: number): Promise<{ finished: number; interrupted: number; jobsStopped: boolean }> {
  const s = state();
  s.draining = true;
  const deadline = Date.now() + graceMs;
  const jobs = Promise.allSettled(s.stoppers.splice(0).map((stop) => stop()));
  const running = s.inFlight.size;
  if (running > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      s.idle.push(() => (clearTimeout(timer), resolve()));
    });
  }
  let graceTimer: NodeJS.Timeout | undefined;
  const jobsStopped = await Promise.race([
    jobs.then(() => true),
    new Promise<boolean>((resolve) => (graceTimer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))),
  ]);
  clearTimeout(graceTimer);
  const left = [...s.inFlight].filter((t) => !t.claimed);
  for (const t of left) {
    t.claimed = true;
    await t.interrupt(interruptedMessage(Math.round(graceMs / 1000))).catch((error: unknown) => log().error(errorFields(error), "could not record an interrupted deploy"));
  }
  return { finished: running - left.length, interrupted: left.length, jobsStopped };
}

/** instrumentation.ts: on SIGTERM/SIGINT drain, and exit when the grace period is over at the latest. */
export function installShutdown(graceSeconds: number): void {
  const guard = globalThis as unknown as { berthShutdownInstalled?: boolean };
  if (guard.berthShutdownInstalled) return;
  guard.berthShutdownInstalled = true;
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const code = signal === "SIGINT" ? 130 : 143;
    log().info({ signal, graceSeconds, deploysRunning: state().inFlight.size }, "shutting down: no new requests; waiting for running deploys");
    void drain(graceSeconds * 1000).then(({ finished, interrupted, jobsStopped }) => {
      log().info({ finished, interrupted, jobsStopped }, interrupted ? "grace period over: interrupted deploys recorded as failed; exiting" : "running deploys finished");
      // Next exits by itself once its requests are done; a request that outlives the grace
      // period (a followed log stream, an interrupted deploy's request) does not hold us.
      if (interrupted) process.exit(code);
    });
    setTimeout(() => process.exit(code), graceSeconds * 1000 + 2000).unref();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
