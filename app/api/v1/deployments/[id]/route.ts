import { apiRoute } from "@/lib/server/api/handler";
import { getDeployment } from "@/lib/server/deployments-query";

// GET /api/v1/deployments/{id}: status, per-object results, manifest and values (hidden per deploymentAccess).
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const { live, messageMsg: _consoleOnly, results, ...d } = await getDeployment(ctx, params.id); // the API's outcome is the English `message`
  // Per-object lines keep their English `message`; their `msg` is the console's.
  const lines = results.map(({ msg: _lineMsg, ...line }) => line);
  return { body: { ...d, results: lines, live: live?.id === d.id, liveRecord: live } };
});
