import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { msg, type Msg } from "@/lib/i18n/message";
import type { Actor } from "./authz";
import { db } from "./db";
import { parseManifest, type Bundle } from "./deployments-render";

// Who deployed what is live under an app name in a namespace: the latest applied record there.
// A deploy from another template is a take-over (explicit, audited); objects the previous
// manifest had and this one lacks are left behind (listed, never deleted silently).
export type PreviousOwner = {
  deploymentId: string;
  /** The record's number in the team ("#12"): how users know records. */
  number: number;
  templateId: string | null;
  templateName: string;
  version: number | null;
};
export type Ownership = {
  /** Set when the live objects came from another template than this deploy's. */
  otherTemplate: PreviousOwner | null;
  /** "Ingress/old-ingress": in the previous record's manifest, not in this bundle. */
  leftBehind: string[];
  /** The latest applied record there (null: nothing of this app deployed there by Berth). */
  previousId: string | null;
};

const key = (o: KubernetesObject) => `${o.kind ?? ""}/${o.metadata?.name ?? ""}`;

export async function ownershipOf(actor: Actor, clusterId: string, namespace: string, bundle: Pick<Bundle, "appName" | "templateId" | "objects">): Promise<Ownership> {
  const last = await db().deployment.findFirst({
    where: { teamId: actor.teamId, clusterId, namespace, appName: bundle.appName, status: "applied" },
    orderBy: { startedAt: "desc" },
    select: { id: true, number: true, kind: true, templateId: true, manifest: true, template: { select: { name: true } }, templateVersion: { select: { version: true } } },
  });
  if (!last || last.kind === "undeploy") return { otherTemplate: null, leftBehind: [], previousId: null };
  const now = new Set(bundle.objects.map(key));
  let before: KubernetesObject[] = [];
  try {
    before = parseManifest(last.manifest);
  } catch {
    before = [];
  }
  const leftBehind = [...new Set(before.map(key))].filter((k) => !now.has(k)).slice(0, 50);
  const otherTemplate =
    last.templateId !== bundle.templateId
      ? { deploymentId: last.id, number: last.number, templateId: last.templateId, templateName: last.template?.name ?? "(no template)", version: last.templateVersion?.version ?? null }
      : null;
  return { otherTemplate, leftBehind, previousId: last.id };
}

/** What the plan of a deploy says about a take-over it was not told to make (empty: none). */
export function takeOverBlockers(ownership: Ownership, takeOver: boolean | undefined): Msg[] {
  const o = ownership.otherTemplate;
  return o && !takeOver ? [msg("serverErrors.deployments.blockers.takeOver", { template: o.templateName, version: o.version !== null ? ` v${o.version}` : "", number: o.number })] : [];
}

