import { openApiDocument } from "@/lib/api/v1/openapi";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it describes, it grants nothing).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "no-cache" } });
}
