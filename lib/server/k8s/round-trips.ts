import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { DecoratorHandler, type Dispatcher } from "undici";
import { metrics } from "../observability/metrics";

// Counts requests to Kubernetes API servers for /metrics: every request by method and status
// class (at the guarded dispatcher, the one way out), and the round trips of one plan or apply
// (the caller wraps it in measureKubeOperation; the dispatch runs in its async context).
type Operation = { roundTrips: number };
const g = globalThis as unknown as { berthKubeOperation?: AsyncLocalStorage<Operation> };
const operations = (g.berthKubeOperation ??= new AsyncLocalStorage<Operation>());

export async function measureKubeOperation<T>(operation: "plan" | "apply", fn: () => Promise<T>): Promise<T> {
  const counter: Operation = { roundTrips: 0 };
  const started = process.hrtime.bigint();
  let result = "error";
  try {
    const value = await operations.run(counter, fn);
    result = "ok";
    return value;
  } finally {
    const m = metrics();
    m.kubeRoundTrips.observe({ operation }, counter.roundTrips);
    m.kubeOperationDuration.observe({ operation, result }, Number(process.hrtime.bigint() - started) / 1e9);
  }
}

type Controller = { abort(reason: Error): void };
const Decorator = DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => Dispatcher.DispatchHandler & {
  onResponseStart(controller: Controller, statusCode: number, headers: unknown, statusMessage?: string): void;
  onResponseError(controller: Controller, error: Error): void;
};

class CountStatus extends Decorator {
  private counted = false;
  constructor(
    handler: Dispatcher.DispatchHandler,
    private readonly method: string,
  ) {
    super(handler);
  }
  private count(status: string) {
    if (this.counted) return;
    this.counted = true;
    metrics().kubeRequests.inc({ method: this.method, status });
  }
  override onResponseStart(controller: Controller, statusCode: number, headers: unknown, statusMessage?: string): void {
    this.count(`${Math.floor(statusCode / 100)}xx`);
    super.onResponseStart(controller, statusCode, headers, statusMessage);
  }
  override onResponseError(controller: Controller, error: Error): void {
    this.count("error");
    super.onResponseError(controller, error);
  }
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** An undici interceptor: counts the request (and the current operation's round trip), then its status. */
export const countKubeRequests: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const store = operations.getStore();
  if (store) store.roundTrips += 1;
  const method = METHODS.has(String(opts.method).toUpperCase()) ? String(opts.method).toUpperCase() : "OTHER";
  return dispatch(opts, new CountStatus(handler, method));
};
