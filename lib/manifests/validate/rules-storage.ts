import type { AppSpec } from "../model/app-spec";
import { logVolumeName } from "../naming";
import type { IssueList } from "./issue-list";
import { checkDns1123Label, checkDns1123Subdomain, LIMITS } from "./k8s-names";
import { compareQuantities, isQuantity } from "./quantity";

/** Volumes and per-pod storage; their names share one namespace with the log volumes. */
export function checkStorage(list: IssueList, spec: AppSpec): void {
  const named = [
    ...spec.volumes.map((v, i) => ({ name: v.name, path: ["volumes", i, "name"] })),
    ...spec.volumeClaimTemplates.map((t, i) => ({ name: t.name, path: ["volumeClaimTemplates", i, "name"] })),
  ];
  list.unique(named, (n) => n.name, (i) => named[i].path, "volume name");
  const logVolumes = new Set([...spec.initContainers, ...spec.containers].flatMap((c) => c.logs.filter((l) => l.path !== "stdout").map((l) => logVolumeName(l.store))));
  named.forEach((n) => {
    if (logVolumes.has(n.name)) list.add(n.path, `"${n.name}" is used by log collection; choose another name`);
  });

  spec.volumes.forEach((v, i) => {
    const at = ["volumes", i];
    list.check([...at, "name"], checkDns1123Label(v.name), "Volume name");
    if (v.type === "configMap") list.check([...at, "configMapName"], checkDns1123Subdomain(v.configMapName), "ConfigMap name");
    if (v.type === "secret") list.check([...at, "secretName"], checkDns1123Subdomain(v.secretName), "Secret name");
    if (v.type === "persistentVolumeClaim") list.check([...at, "claimName"], checkDns1123Subdomain(v.claimName), "Claim name");
    if (v.type === "emptyDir" && v.sizeLimit !== undefined && !isQuantity(v.sizeLimit)) list.add([...at, "sizeLimit"], "size limit must be a quantity such as 1Gi");
    if (v.type === "nfs") {
      if (v.server.trim() === "") list.add([...at, "server"], "NFS server is required");
      if (!v.path.startsWith("/")) list.add([...at, "path"], "NFS path must be absolute (start with /)");
    }
  });

  const maxOrdinal = Math.max(spec.replicas, spec.autoscaling?.maxReplicas ?? 0, ...(spec.scheduledScaling?.jobs.map((j) => j.targetSize) ?? [0]), 1) - 1;
  spec.volumeClaimTemplates.forEach((t, i) => {
    const at = ["volumeClaimTemplates", i];
    list.check([...at, "name"], checkDns1123Label(t.name), "Claim name");
    const pvcName = `${t.name}-${spec.name}-${maxOrdinal}`;
    if (pvcName.length > LIMITS.dnsSubdomain) list.add([...at, "name"], `the per-pod claim name "${pvcName.slice(0, 40)}…" exceeds ${LIMITS.dnsSubdomain} characters`);
    // "" is "no class" (bind to a pre-created volume); only an omitted class means the default one.
    if (t.storageClassName !== undefined && t.storageClassName !== "") list.check([...at, "storageClassName"], checkDns1123Subdomain(t.storageClassName), "Storage class");
    if (!isQuantity(t.size)) list.add([...at, "size"], `"${t.size}" is not a size; use e.g. 10Gi`);
    else if ((compareQuantities(t.size, "0") ?? 1) <= 0) list.add([...at, "size"], "size must be greater than 0");
  });
}
