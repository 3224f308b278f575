import { undeployRequest } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { deployReply } from "@/lib/server/api/views";
import { undeploy } from "@/lib/server/deployments";
import { getDeployment } from "@/lib/server/deployments-query";

// POST /api/v1/deployments/{id}/undeploy: remove the record's app from its cluster (Idempotency-Key).
export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: undeployRequest, idempotent: true }, async ({ ctx, params, body }) => {
  const source = await getDeployment(ctx, params.id);
  const { keptClaims, ...result } = await undeploy(ctx, { deploymentId: source.id, reason: body.reason });
  return deployReply([result], { appName: source.appName, ...(keptClaims ? { keptClaims } : {}) });
});
