import { apiRoute } from "@/lib/server/api/handler";
import { getDeployRequest } from "@/lib/server/deploy-requests-query";

// GET /api/v1/requests/{id}: a deploy held for approval (issue 16) — still pending, run (with its record), or never to run.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const r = await getDeployRequest(ctx, params.id, { replan: false });
  return {
    body: {
      id: r.id, kind: r.kind, status: r.status, appName: r.appName, namespace: r.namespace, cluster: { id: r.clusterId, name: r.cluster },
      requester: r.requester, reason: r.reason, approvals: r.approvals, required: r.required, createdAt: r.createdAt, expiresAt: r.expiresAt,
      message: r.message, deploymentId: r.deploymentId, decisions: r.approvalList,
    },
  };
});
