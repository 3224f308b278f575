import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { EXPORT_CONTENT_TYPES, type ExportFormat } from "@/lib/audit/export-format";
import { parseReviewFilter } from "@/lib/audit/review-filter";
import { openAuditExport } from "@/lib/server/audit-export";
import { AppError } from "@/lib/server/errors";
import { currentWorkspace } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";

// GET /audit/export?format=csv|json&<the page's filters>: the current filter as a streamed download,
// with the same visibility as the page (the data layer checks the caller's role). Refusals are
// plain text in the reader's language.
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const ws = await currentWorkspace();
  if (!ws) return text(401, (await getTranslations("audit.export"))("signIn"));
  if (!ws.team) return text(403, (await getTranslations("audit.export"))("joinTeam"));
  const params = request.nextUrl.searchParams;
  const format: ExportFormat = params.get("format") === "json" ? "json" : "csv";
  const { filter, errors } = parseReviewFilter(params);
  const problems = Object.entries(errors);
  if (problems.length) {
    const tr = await requestTranslator();
    return text(400, problems.map(([k, v]) => `${k}: ${tr(v)}`).join("\n"));
  }
  try {
    const stream = await openAuditExport({ userId: ws.user.id, teamId: ws.team.id }, filter, format);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    return new Response(stream, {
      headers: {
        "Content-Type": EXPORT_CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="berth-audit-${stamp}.${format}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return text(error.code === "forbidden" ? 403 : 400, (await requestTranslator())(error.msg ?? error.message));
    throw error;
  }
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
