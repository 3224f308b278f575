import { EXPORT_CONTENT_TYPES } from "@/lib/audit/export-format";
import { auditExportQuery } from "@/lib/api/v1/schemas";
import { openAuditExport } from "@/lib/server/audit-export";
import { apiRoute } from "@/lib/server/api/handler";
import { reviewFilterOf } from "@/lib/server/api/views";

// GET /api/v1/audit/export?format=json|csv: every event the filter matches, streamed, with the console's visibility.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: auditExportQuery }, async ({ ctx, query }) => {
  const stream = await openAuditExport(ctx, reviewFilterOf(query), query.format);
  return new Response(stream, {
    headers: { "content-type": EXPORT_CONTENT_TYPES[query.format], "content-disposition": `attachment; filename="berth-audit.${query.format}"`, "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
});
