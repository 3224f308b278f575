import { encodeCursor } from "@/lib/api/v1/cursor";
import { pageQuery } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { resolveTemplate } from "@/lib/server/api/resolve";
import { readCursor } from "@/lib/server/api/views";

// GET /api/v1/templates/{template}/versions: newest first.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: pageQuery }, async ({ ctx, params, query }) => {
  const { versions } = await resolveTemplate(ctx, params.template);
  const from = Number(readCursor(query.cursor, { o: "number" })?.o ?? 0);
  const items = versions.slice(from, from + query.limit);
  return { body: { items, nextCursor: from + query.limit < versions.length ? encodeCursor({ o: from + query.limit }) : null } };
});
