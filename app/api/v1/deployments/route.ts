import { encodeCursor } from "@/lib/api/v1/cursor";
import { deploymentListQuery, deployRequest } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { asFilterField, resolveClusters, resolveTemplate, toDeployInput } from "@/lib/server/api/resolve";
import { deployReply, readHistoryCursor } from "@/lib/server/api/views";
import { deployTemplate } from "@/lib/server/deployments";
import { listDeploymentsAfter } from "@/lib/server/deployments-query";

// POST /api/v1/deployments: deploy a template version to one or more clusters (Idempotency-Key).
// GET  /api/v1/deployments: the history, newest first, in keyset pages.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: deployRequest, idempotent: true }, async ({ ctx, body }) => {
  const { input, template } = await toDeployInput(ctx, body);
  const { appName, results } = await deployTemplate(ctx, input);
  return deployReply(results, { appName, template, version: input.version });
});

export const GET = apiRoute({ query: deploymentListQuery }, async ({ ctx, query }) => {
  const after = readHistoryCursor(query.cursor);
  const [cluster] = query.cluster ? await asFilterField("cluster", () => resolveClusters(ctx, [query.cluster!], "cluster")) : [];
  const template = query.template ? await asFilterField("template", () => resolveTemplate(ctx, query.template!)) : undefined;
  const filter = { clusterId: cluster?.id, namespace: query.namespace, app: query.app, templateId: template?.id, status: query.status };
  const page = await listDeploymentsAfter(ctx, filter, { after, limit: query.limit });
  return { body: { items: page.items, nextCursor: page.next ? encodeCursor({ t: page.next.startedAt.toISOString(), i: page.next.id }) : null } };
});
