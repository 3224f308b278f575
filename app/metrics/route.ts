import { metricsAccess } from "@/lib/server/metrics-access";
import { metrics } from "@/lib/server/observability/metrics";

// Prometheus scrape endpoint (text format). Off (404) unless BERTH_METRICS_TOKEN is set; then only
// with `Authorization: Bearer <token>`. Metrics are this instance's own: scrape every pod.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not found\n", { status: 404 });
  if (access === "denied") return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="berth-metrics"' } });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
