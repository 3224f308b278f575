import "server-only";
import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { getApplication } from "./applications";
import { appKeySchema, requireAppPodName, type AppKey } from "./applications-input";
import { openViewerKubeConfig } from "./applications-live";
import { authorize, type Ctx } from "./authz";
import { invalid } from "./errors";
import { apiError } from "./k8s/api-error";
import { openPodLog } from "./k8s/pod-log";

// A pod's log for the detail page (container, last N lines, previous container, follow), read
// with the viewer's own credential through the log subresource. Bounded: a snapshot is at most
// SNAPSHOT_BYTES; a followed stream ends after FOLLOW_BYTES or FOLLOW_MS (the page can follow again).
export const SNAPSHOT_BYTES = 2 * 1024 * 1024;
export const FOLLOW_BYTES = 8 * 1024 * 1024;
export const FOLLOW_MS = 10 * 60_000;

const flag = z.preprocess((v) => v === "1" || v === "true" || v === "on", z.boolean()).default(false);
export const logQuerySchema = z.object({
  pod: appKeySchema.shape.appName,
  container: appKeySchema.shape.appName,
  tail: z.coerce.number().int().min(1).max(5000).default(200),
  previous: flag,
  follow: flag,
});
export type LogQuery = z.infer<typeof logQuerySchema>;

export async function streamAppLog(ctx: Ctx, key: AppKey, q: LogQuery, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const actor = await authorize(ctx, "team.read");
  await getApplication(ctx, key);
  requireAppPodName(key, q.pod);
  const kc = await openViewerKubeConfig(actor, key.clusterId);
  if ("state" in kc) throw invalid(kc.msg ?? kc.message);
  const stop = new AbortController();
  const cut = AbortSignal.any([signal, stop.signal, AbortSignal.timeout(q.follow ? FOLLOW_MS : 60_000)]);
  let body: ReadableStream<Uint8Array>;
  try {
    body = await openPodLog(kc, key.namespace, q.pod, { container: q.container, tailLines: q.tail, previous: q.previous, follow: q.follow, limitBytes: q.follow ? FOLLOW_BYTES : SNAPSHOT_BYTES }, cut);
  } catch (e) {
    const info = apiError(e);
    if (info.status === 403) throw invalid(msg("serverErrors.applications.logNotAllowed", { namespace: key.namespace }));
    throw invalid(msg("serverErrors.applications.logUnreadable", { reason: info.message }));
  }
  let sent = 0;
  const limit = q.follow ? FOLLOW_BYTES : SNAPSHOT_BYTES;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        const room = limit - sent;
        if (room <= 0) return;
        const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
        sent += part.byteLength;
        out.enqueue(part);
        if (sent >= limit) stop.abort();
      },
    }),
    { signal: cut },
  );
}
