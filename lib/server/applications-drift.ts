import "server-only";
import { type Msg } from "@/lib/i18n/message";
import { appliedManifests, getApplication } from "./applications";
import type { AppKey } from "./applications-input";
import { openViewerKubeConfig } from "./applications-live";
import { authorize, type Ctx } from "./authz";
import { redeploy, type TestHooks } from "./deployments";
import { parseManifest } from "./deployments-render";
import type { ClusterResult } from "./deployments-run";
import { describeError } from "./k8s/api-error";
import { dryRunDrift, type ObjectDrift } from "./k8s/drift";

// Drift of one application (server-side apply dry run of its last applied manifest, read with the
// viewer's credential) and Sync = redeploy that record through the normal plan → apply path.
export const SYNC_REASON = "sync drift";

/** `msg`: `message` as a catalogue message when it is Berth's own words (no credential …), for the reader's language. */
export type AppDrift = { state: "ok" | "no_credential" | "unavailable"; message: string; msg?: Msg; objects: ObjectDrift[]; canSync?: boolean };

export async function applicationDrift(ctx: Ctx, key: AppKey): Promise<AppDrift> {
  const actor = await authorize(ctx, "team.read");
  const record = await getApplication(ctx, key);
  const kc = await openViewerKubeConfig(actor, key.clusterId);
  if ("state" in kc) return { ...kc, objects: [] };
  const manifest = (await appliedManifests(actor, [record.applied.id])).get(record.applied.id) ?? "";
  try {
    const objects = await dryRunDrift(kc, key.namespace, parseManifest(manifest));
    // Through someone else's private template: what changed and who did it, not the manifest's values.
    if (!record.access.details) for (const o of objects) o.fields = o.fields.map(({ applied: _a, ...f }) => f);
    return { state: "ok", message: "", objects, canSync: record.access.act };
  } catch (e) {
    return { state: "unavailable", message: describeError(e), objects: [] };
  }
}

/** Applies the last applied record again (forced: Berth takes its fields back), recorded and audited as a redeploy. */
export async function syncApplication(ctx: Ctx, key: AppKey, hooks: TestHooks = {}): Promise<ClusterResult> {
  await authorize(ctx, "deploy.run", { what: "sync an application", targetId: `${key.clusterId}/${key.namespace}/${key.appName}` });
  const record = await getApplication(ctx, key);
  return redeploy(ctx, { deploymentId: record.applied.id, reason: SYNC_REASON, force: true, recreate: false }, hooks);
}
