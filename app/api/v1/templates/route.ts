import { encodeCursor } from "@/lib/api/v1/cursor";
import { templateListQuery } from "@/lib/api/v1/schemas";
import { apiRoute } from "@/lib/server/api/handler";
import { readCursor } from "@/lib/server/api/views";
import { listTemplates } from "@/lib/server/templates";

// GET /api/v1/templates: the templates the token's user may see, newest change first.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: templateListQuery }, async ({ ctx, query }) => {
  const page = Number(readCursor(query.cursor, { p: "number" })?.p ?? 1);
  const result = await listTemplates(ctx, { q: query.q, page, pageSize: query.limit });
  const more = result.page === page && page < result.pageCount;
  return { body: { items: result.page === page ? result.items : [], nextCursor: more ? encodeCursor({ p: page + 1 }) : null } };
});
