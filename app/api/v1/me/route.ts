import { apiRoute } from "@/lib/server/api/handler";

// GET /api/v1/me: who the token acts as, in which team, with what role now.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ auth }) => ({
  body: { user: auth.user, team: auth.team, role: auth.role, token: auth.token },
}));
