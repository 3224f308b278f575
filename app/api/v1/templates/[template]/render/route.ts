import { renderRequest } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { resolveTemplate } from "@/lib/server/api/resolve";
import { renderForReader } from "@/lib/server/deployments-render";

// POST /api/v1/templates/{template}/render: a version with parameter values → the YAML a deploy applies.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: renderRequest }, async ({ ctx, params, body }) => {
  const template = await resolveTemplate(ctx, params.template);
  const r = await renderForReader(ctx, template.id, body.version, body.values);
  const objects = r.objects.map((o) => ({ apiVersion: String(o.apiVersion ?? ""), kind: String(o.kind ?? ""), name: String(o.metadata?.name ?? "") }));
  return { body: { template: { id: template.id, name: r.templateName }, version: r.version, appName: r.appName, manifest: r.manifest, objects } };
});
