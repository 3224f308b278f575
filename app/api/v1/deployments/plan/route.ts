import { deployRequest } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { toDeployInput } from "@/lib/server/api/resolve";
import { clusterPlan } from "@/lib/server/api/views";
import { planDeployment } from "@/lib/server/deployments";

// POST /api/v1/deployments/plan: what a deploy would do on each cluster; nothing changes (audited as deploy.plan).
export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: deployRequest }, async ({ ctx, body }) => {
  const { input, template } = await toDeployInput(ctx, body);
  const plan = await planDeployment(ctx, input);
  return { body: { appName: plan.appName, manifest: plan.manifest, template, version: input.version, clusters: plan.clusters.map(clusterPlan) } };
});
