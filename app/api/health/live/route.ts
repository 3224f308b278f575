// Liveness: the process answers HTTP. No database, no session: cheap enough for every probe.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
