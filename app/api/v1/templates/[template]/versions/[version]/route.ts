import { apiRoute } from "@/lib/server/api/handler";
import { ApiProblem } from "@/lib/server/api/problem";
import { resolveTemplate } from "@/lib/server/api/resolve";
import { getTemplateVersion } from "@/lib/server/templates";

// GET /api/v1/templates/{template}/versions/{version}: the stored spec and parameter definitions.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx, params }) => {
  const template = await resolveTemplate(ctx, params.template);
  const version = params.version === "latest" ? undefined : /^\d{1,9}$/.test(params.version) ? Number(params.version) : NaN;
  if (Number.isNaN(version)) throw new ApiProblem("invalid", "A version is a number, or `latest`.", { version: ["Use a version number or latest."] });
  return { body: await getTemplateVersion(ctx, template.id, version) };
});
