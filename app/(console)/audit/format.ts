// Small display helpers shared by the audit pages (times: lib/i18n/format.ts, in the reader's locale).
export function target(e: { targetType: string; targetId: string; targetName: string }): string {
  if (!e.targetType && !e.targetId) return "";
  return `${e.targetType}${e.targetName ? ` ${e.targetName}` : e.targetId ? ` ${e.targetId}` : ""}`;
}

export function place(e: { clusterName: string; clusterId: string | null; namespace: string }): string {
  const cluster = e.clusterName || e.clusterId || "";
  return [cluster, e.namespace].filter(Boolean).join(" / ");
}
