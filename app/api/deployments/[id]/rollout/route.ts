import { NextResponse } from "next/server";
import { deploymentRollout } from "@/lib/server/deployments-query";
import { AppError } from "@/lib/server/errors";
import { currentWorkspace } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";

// The live rollout of one deployment, read from the cluster on each request with the caller's
// own credential. Session and team are checked here; the data layer scopes the id to the team.
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [ws, text] = await Promise.all([currentWorkspace(), requestTranslator()]); // errors in the reader's language: the console shows them
  if (!ws?.team) return NextResponse.json({ error: text({ key: "auth.invite.signInFirst" }) }, { status: 401 });
  const { id } = await params;
  try {
    const { reasonMsg, ...view } = await deploymentRollout({ userId: ws.user.id, teamId: ws.team.id }, id);
    return NextResponse.json({ ...view, reason: reasonMsg ? text(reasonMsg) : view.reason }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (e instanceof AppError) return NextResponse.json({ error: text(e.msg ?? e.message) }, { status: e.code === "not_found" ? 404 : 403 });
    throw e;
  }
}
