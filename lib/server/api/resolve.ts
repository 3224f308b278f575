import "server-only";
import { msg } from "@/lib/i18n/message";
import type { DeployRequest } from "@/lib/api/v1/schemas";
import type { Ctx } from "../authz";
import { listClusters, type ClusterView } from "../clusters";
import type { DeployInput } from "../deployments-input";
import { AppError, invalid, notFound, type FieldMsgs } from "../errors";
import { getTemplate, listTemplates, type TemplateDetail } from "../templates";

// The API names templates and clusters by id or by exact name (what a CI script knows). Both go
// through the data layer's own reads, so a name only finds what the token's user may see.
export async function resolveTemplate(ctx: Ctx, ref: string): Promise<TemplateDetail> {
  try {
    return await getTemplate(ctx, ref);
  } catch (e) {
    if (!(e instanceof AppError && e.code === "not_found")) throw e;
  }
  const { items: named } = await listTemplates(ctx, { name: ref, pageSize: 100 });
  if (named.length === 0) throw notFound(msg("serverErrors.what.templateNamed", { name: ref }));
  if (named.length > 1) throw invalid(msg("serverErrors.api.severalTemplates", { name: ref }), { template: [msg("serverErrors.api.severalTemplatesField", { name: ref, ids: named.map((t) => t.id).join(", ") })] });
  return getTemplate(ctx, named[0].id);
}

/** Each reference (id or exact name) → the cluster; unknown ones are field errors at their position. */
export async function resolveClusters(ctx: Ctx, refs: string[], field = "clusters"): Promise<ClusterView[]> {
  const clusters = await listClusters(ctx);
  const errors: FieldMsgs = {};
  const out: ClusterView[] = [];
  refs.forEach((ref, i) => {
    const found = clusters.find((c) => c.id === ref) ?? clusters.filter((c) => c.name === ref);
    const one = Array.isArray(found) ? (found.length === 1 ? found[0] : null) : found;
    if (one) out.push(one);
    else errors[`${field}.${i}`] = [Array.isArray(found) && found.length > 1 ? msg("serverErrors.api.severalClusters", { name: ref }) : msg("serverErrors.api.noCluster", { name: ref })];
  });
  if (Object.keys(errors).length) throw invalid(msg("serverErrors.api.clustersNotFound"), errors);
  return out;
}

/** The API's deploy body → the data layer's deploy input (ids, a version number). */
export async function toDeployInput(ctx: Ctx, body: DeployRequest): Promise<{ input: DeployInput; template: { id: string; name: string } }> {
  const [template, clusters] = await Promise.all([resolveTemplate(ctx, body.template), resolveClusters(ctx, body.clusters)]);
  const version = body.version === "latest" ? template.latestVersion : body.version;
  if (version < 1) throw invalid(msg("serverErrors.api.noVersion"), { version: [msg("serverErrors.api.noVersionField")] });
  return {
    template: { id: template.id, name: template.name },
    input: {
      templateId: template.id,
      version,
      values: body.values,
      clusterIds: [...new Set(clusters.map((c) => c.id))],
      namespace: body.namespace,
      createNamespace: body.createNamespace,
      force: body.force,
      recreate: body.recreate,
      takeOver: body.takeOver,
    },
  };
}

/** A filter naming something the caller cannot find is a mistake in that field, not a 404 of the list. */
export async function asFilterField<T>(field: string, find: () => Promise<T>): Promise<T> {
  try {
    return await find();
  } catch (e) {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "invalid")) throw invalid(msg("serverErrors.api.filterUnknown"), { [field]: [e.msg ?? e.message] });
    throw e;
  }
}
