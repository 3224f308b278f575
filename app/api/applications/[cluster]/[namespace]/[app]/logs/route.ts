import { NextResponse } from "next/server";
import { appKeySchema } from "@/lib/server/applications-input";
import { logQuerySchema, streamAppLog } from "@/lib/server/applications-logs";
import { AppError } from "@/lib/server/errors";
import { currentWorkspace } from "@/lib/server/session";
import { requestTranslator } from "@/lib/server/translate";

// A pod's log, streamed as plain text (follow keeps the response open), read with the caller's
// own credential. Session and team are checked here; the data layer scopes the app to the team.
export const dynamic = "force-dynamic";

type Params = { cluster: string; namespace: string; app: string };

export async function GET(req: Request, { params }: { params: Promise<Params> }) {
  const [ws, text] = await Promise.all([currentWorkspace(), requestTranslator()]); // errors in the reader's language: the logs panel shows them
  if (!ws?.team) return NextResponse.json({ error: text({ key: "auth.invite.signInFirst" }) }, { status: 401 });
  const p = await params;
  const key = appKeySchema.safeParse({ clusterId: p.cluster, namespace: p.namespace, appName: p.app });
  const url = new URL(req.url);
  const query = logQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!key.success || !query.success) return NextResponse.json({ error: text({ key: "applications.logs.choosePodAndContainer" }) }, { status: 400 });
  try {
    const body = await streamAppLog({ userId: ws.user.id, teamId: ws.team.id }, key.data, query.data, req.signal);
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" };
    if (url.searchParams.get("download") === "1") headers["content-disposition"] = `attachment; filename="${query.data.pod}-${query.data.container}${query.data.previous ? "-previous" : ""}.log"`;
    return new Response(body, { headers });
  } catch (e) {
    if (e instanceof AppError) return NextResponse.json({ error: text(e.msg ?? e.message) }, { status: e.code === "not_found" ? 404 : e.code === "forbidden" ? 403 : 400 });
    throw e;
  }
}
