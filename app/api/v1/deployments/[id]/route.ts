import { apiRoute } from "@/lib/server/api/handler";
import { getDeployment } from "@/lib/server/deployments-query";

// GET /api/v1/deployments/{id}: status, per-object results, manifest and values (hidden per deploymentAccess).
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const { live, messageMsg: _consoleOnly, ...d } = await getDeployment(ctx, params.id); // the API's outcome is the English `message`
  return { body: { ...d, live: live?.id === d.id, liveRecord: live } };
});
