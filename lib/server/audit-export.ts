import "server-only";
import { EXPORT_WRITERS, type ExportFormat, type ExportRow } from "@/lib/audit/export-format";
import type { ReviewFilter } from "@/lib/audit/review-filter";
import { auditEventBatches } from "./audit-query";
import type { Ctx } from "./authz";

// Streams every event of the current filter (same scope as the list) as CSV or JSON. The first
// batch is read before the stream is returned, so a caller who may not read the trail gets an
// error (and a proper status) instead of a broken download. Later batches are read on demand.
export async function openAuditExport(ctx: Ctx, filter: ReviewFilter, format: ExportFormat, batchSize = 1000): Promise<ReadableStream<Uint8Array>> {
  const batches = auditEventBatches(ctx, filter, batchSize);
  const writer = EXPORT_WRITERS[format];
  const encoder = new TextEncoder();
  let pending: IteratorResult<unknown[]> | null = await batches.next();
  let index = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let chunk = started ? "" : writer.start;
        started = true;
        const next = pending ?? (await batches.next());
        pending = null;
        if (next.done) {
          controller.enqueue(encoder.encode(chunk + writer.end));
          controller.close();
          return;
        }
        for (const row of next.value as ExportRow[]) chunk += writer.row(row, index++);
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
