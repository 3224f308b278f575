import { apiRoute } from "@/lib/server/api/handler";
import { resolveTemplate } from "@/lib/server/api/resolve";

// GET /api/v1/templates/{template}: one template (by id or exact name) and its versions.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const { can: _ui, ...template } = await resolveTemplate(ctx, params.template);
  return { body: template };
});
