import type { AppSpec } from "../model/app-spec";
import { logVolumeName } from "../naming";
import { field, rule, type IssueList } from "./issue-list";
import { checkDns1123Label, checkDns1123Subdomain, LIMITS } from "./k8s-names";
import { compareQuantities, isQuantity } from "./quantity";

/** Volumes and per-pod storage; their names share one namespace with the log volumes. */
export function checkStorage(list: IssueList, spec: AppSpec): void {
  const named = [
    ...spec.volumes.map((v, i) => ({ name: v.name, path: ["volumes", i, "name"] })),
    ...spec.volumeClaimTemplates.map((t, i) => ({ name: t.name, path: ["volumeClaimTemplates", i, "name"] })),
  ];
  list.unique(named, (n) => n.name, (i) => named[i].path, field("volumeName"));
  const logVolumes = new Set([...spec.initContainers, ...spec.containers].flatMap((c) => c.logs.filter((l) => l.path !== "stdout").map((l) => logVolumeName(l.store))));
  named.forEach((n) => {
    if (logVolumes.has(n.name)) list.add(n.path, rule("logVolumeName", { name: n.name }));
  });

  spec.volumes.forEach((v, i) => {
    const at = ["volumes", i];
    list.check([...at, "name"], checkDns1123Label(v.name), field("volumeNameUpper"));
    if (v.type === "configMap") list.check([...at, "configMapName"], checkDns1123Subdomain(v.configMapName), field("configMapName"));
    if (v.type === "secret") list.check([...at, "secretName"], checkDns1123Subdomain(v.secretName), field("secretName"));
    if (v.type === "persistentVolumeClaim") list.check([...at, "claimName"], checkDns1123Subdomain(v.claimName), field("claimName"));
    if (v.type === "emptyDir" && v.sizeLimit !== undefined && !isQuantity(v.sizeLimit)) list.add([...at, "sizeLimit"], rule("sizeLimit"));
    if (v.type === "nfs") {
      if (v.server.trim() === "") list.add([...at, "server"], rule("nfsServer"));
      if (!v.path.startsWith("/")) list.add([...at, "path"], rule("nfsPath"));
    }
  });

  const maxOrdinal = Math.max(spec.replicas, spec.autoscaling?.maxReplicas ?? 0, ...(spec.scheduledScaling?.jobs.map((j) => j.targetSize) ?? [0]), 1) - 1;
  spec.volumeClaimTemplates.forEach((t, i) => {
    const at = ["volumeClaimTemplates", i];
    list.check([...at, "name"], checkDns1123Label(t.name), field("claimName"));
    const pvcName = `${t.name}-${spec.name}-${maxOrdinal}`;
    if (pvcName.length > LIMITS.dnsSubdomain) list.add([...at, "name"], rule("claimNameLong", { name: pvcName.slice(0, 40), max: LIMITS.dnsSubdomain }));
    // "" is "no class" (bind to a pre-created volume); only an omitted class means the default one.
    if (t.storageClassName !== undefined && t.storageClassName !== "") list.check([...at, "storageClassName"], checkDns1123Subdomain(t.storageClassName), field("storageClass"));
    if (!isQuantity(t.size)) list.add([...at, "size"], rule("notSize", { value: t.size }));
    else if ((compareQuantities(t.size, "0") ?? 1) <= 0) list.add([...at, "size"], rule("sizePositive"));
  });
}
