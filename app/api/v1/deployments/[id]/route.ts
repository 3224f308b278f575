import { apiRoute } from "@/lib/server/api/handler";
import { getDeployment } from "@/lib/server/deployments-query";

// GET /api/v1/deployments/{id}: status, per-object results, manifest and values (hidden per deploymentAccess).
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const { live, ...d } = await getDeployment(ctx, params.id);
  return { body: { ...d, live: live?.id === d.id, liveRecord: live } };
});
