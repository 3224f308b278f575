import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Every metric Berth exports on /metrics (Prometheus text format). One registry per process, on
// globalThis (Next bundles this module into several chunks). Labels are bounded: routes are Next's
// route patterns (never raw paths, which carry ids and tokens), results and kinds are fixed sets.
type Metrics = ReturnType<typeof create>;
type Pool = { totalCount: number; idleCount: number; waitingCount: number; options: { max?: number } };
const g = globalThis as unknown as { berthMetrics?: Metrics; berthPool?: Pool };

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "berth_process_" });
  return {
    registry,
    httpRequests: new Counter({ name: "berth_http_requests_total", help: "HTTP requests answered, by route pattern, method and status", labelNames: ["route", "method", "status"], registers: [registry] }),
    httpDuration: new Histogram({ name: "berth_http_request_duration_seconds", help: "HTTP request latency until the response finished, by route pattern, method and status", labelNames: ["route", "method", "status"], buckets: SECONDS, registers: [registry] }),
    deploys: new Counter({ name: "berth_deploys_total", help: "Deploy, redeploy and undeploy records finished, by kind and result (applied, failed, interrupted by a shutdown, abandoned by a stopped instance and finished by the sweep, refused before a record)", labelNames: ["kind", "result"], registers: [registry] }),
    deployDuration: new Histogram({ name: "berth_deploy_duration_seconds", help: "Time from reserving a deployment record to finishing it", labelNames: ["kind", "result"], buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300], registers: [registry] }),
    kubeRequests: new Counter({ name: "berth_kube_api_requests_total", help: "Requests to Kubernetes API servers, by method and status class (2xx, 4xx, 5xx, error)", labelNames: ["method", "status"], registers: [registry] }),
    kubeRoundTrips: new Histogram({ name: "berth_kube_operation_round_trips", help: "Kubernetes API round trips one plan or apply made", labelNames: ["operation"], buckets: [1, 2, 5, 10, 20, 50, 100, 200], registers: [registry] }),
    kubeOperationDuration: new Histogram({ name: "berth_kube_operation_duration_seconds", help: "Duration of one plan or apply against a cluster", labelNames: ["operation", "result"], buckets: SECONDS, registers: [registry] }),
    auditEvents: new Counter({ name: "berth_audit_events_total", help: "Audit events recorded, by action and result (counted when written inside their transaction)", labelNames: ["action", "result"], registers: [registry] }),
    webhookDeliveries: new Counter({ name: "berth_webhook_deliveries_total", help: "Webhook delivery attempts, by result (delivered, failed, refused)", labelNames: ["result"], registers: [registry] }),
    webhookDuration: new Histogram({ name: "berth_webhook_delivery_duration_seconds", help: "Webhook delivery attempt duration", labelNames: ["result"], buckets: SECONDS, registers: [registry] }),
    // Read from the pool when scraped (db.ts hands its pool to watchPool).
    dbPool: new Gauge({
      name: "berth_db_pool_connections",
      help: "Database pool connections of this instance: total, idle, and queries waiting for one",
      labelNames: ["state"],
      registers: [registry],
      collect() {
        const pool = g.berthPool;
        if (!pool) return;
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    }),
    dbPoolMax: new Gauge({
      name: "berth_db_pool_max_connections",
      help: "The pool's size limit (BERTH_DB_POOL_MAX)",
      registers: [registry],
      collect() {
        if (g.berthPool) this.set(g.berthPool.options.max ?? 10);
      },
    }),
  };
}

export function metrics(): Metrics {
  g.berthMetrics ??= create();
  return g.berthMetrics;
}

/** For the webhook sender (issue 16): count one delivery attempt. */
export function countWebhookDelivery(result: "delivered" | "failed" | "refused", seconds: number): void {
  metrics().webhookDeliveries.inc({ result });
  metrics().webhookDuration.observe({ result }, seconds);
}

/** The pool whose usage the gauges report (db.ts). */
export function watchPool(pool: Pool): void {
  g.berthPool = pool;
}
