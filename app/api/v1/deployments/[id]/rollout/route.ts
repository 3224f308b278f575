import { apiRoute } from "@/lib/server/api/handler";
import { deploymentRollout } from "@/lib/server/deployments-query";

// GET /api/v1/deployments/{id}/rollout: the live rollout per ordinal, read now with the token user's kubeconfig.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const { reasonMsg: _consoleOnly, ...body } = await deploymentRollout(ctx, params.id); // the API's reason is the English one
  return { body };
});
