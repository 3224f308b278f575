import { redeployRequest } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { deployReply } from "@/lib/server/api/views";
import { redeploy } from "@/lib/server/deployments";
import { getDeployment } from "@/lib/server/deployments-query";

// POST /api/v1/deployments/{id}/redeploy: apply the record's exact manifest again (Idempotency-Key).
export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: redeployRequest, idempotent: true }, async ({ ctx, params, body }) => {
  const source = await getDeployment(ctx, params.id);
  const result = await redeploy(ctx, { deploymentId: source.id, ...body });
  return deployReply([result], { appName: source.appName });
});
