import { getTranslations } from "next-intl/server";
import { setOwn } from "@/lib/manifests/plain-object";
import { failure } from "@/lib/server/action";
import { currentWorkspace } from "@/lib/server/session";
import { exportRenderedYaml, exportTemplateFile } from "@/lib/server/templates-io";

// GET /templates/<id>/export?version=<n>&format=yaml|template (&p.<name>=<value> for parameters)
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [ws, t] = await Promise.all([currentWorkspace(), getTranslations("template.export")]);
  if (!ws?.team) return new Response(t("signIn"), { status: 401 });
  const ctx = { userId: ws.user.id, teamId: ws.team.id };
  const url = new URL(request.url);
  const version = url.searchParams.get("version") ? Number(url.searchParams.get("version")) : undefined;
  const values: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k.startsWith("p.")) setOwn(values, k.slice(2), v); // p.__proto__ stays a (refused) name
  try {
    const file = url.searchParams.get("format") === "template" ? await exportTemplateFile(ctx, id, version) : await exportRenderedYaml(ctx, id, version, values);
    return new Response(file.text, {
      headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` },
    });
  } catch (e) {
    const result = failure(e);
    const status = e && typeof e === "object" && "code" in e ? ({ not_found: 404, forbidden: 403, invalid: 400 } as Record<string, number>)[String(e.code)] ?? 500 : 500;
    return new Response(result?.ok === false ? result.message : t("failed"), { status });
  }
}
