import { decodeCursor } from "@/lib/audit/review-sql";
import { auditListQuery } from "@/lib/api/v1/schemas";
import { listAuditEvents } from "@/lib/server/audit-query";
import { apiRoute } from "@/lib/server/api/handler";
import { ApiProblem } from "@/lib/server/api/problem";
import { reviewFilterOf } from "@/lib/server/api/views";

// GET /api/v1/audit: audit events newest first, with the console's visibility (owners/admins: the team's trail).
export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: auditListQuery }, async ({ ctx, query }) => {
  const before = decodeCursor(query.cursor);
  if (query.cursor && !before) throw new ApiProblem("invalid", "That cursor is not one this API handed out.", { cursor: ["Pass the nextCursor of the previous page unchanged."] });
  const page = await listAuditEvents(ctx, reviewFilterOf(query), { before }, query.limit);
  return { body: { items: page.events, nextCursor: page.older ?? null, scope: page.scope } };
});
