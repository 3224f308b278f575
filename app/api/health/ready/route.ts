import { readiness } from "@/lib/server/health";

// Readiness (unauthenticated): 200 when this instance can serve, 503 with the failed check's name
// otherwise (lib/server/health.ts). One small query; no secrets in the body.
export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  return Response.json({ status: r.ready ? "ready" : "not ready", checks: r.checks }, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
