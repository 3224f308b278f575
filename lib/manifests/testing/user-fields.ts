import { parseAllDocuments } from "yaml";
import { SERVER_DEFAULTS } from "../import/strip-noise";

/** Test support for round trips of real-world manifests (not used by the app). */

export type Obj = Record<string, any>;

/**
 * What a user wrote, minus what the import deliberately drops: kubectl noise
 * (status, managedFields, …), allocated addresses, and values equal to the
 * API server's defaults. Everything left must come back out of the renderer.
 */
export function userFields(o: Obj): Obj {
  const c = structuredClone(o);
  delete c.status;
  for (const k of ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "namespace"]) delete c.metadata?.[k];
  delete c.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
  if (c.metadata?.annotations && Object.keys(c.metadata.annotations).length === 0) delete c.metadata.annotations;
  const drop = (obj: Obj | undefined, defaults: Obj) => {
    for (const [k, v] of Object.entries(defaults)) if (obj && JSON.stringify(obj[k]) === JSON.stringify(v)) delete obj[k];
  };
  if (c.kind === "Service") {
    if (c.spec.clusterIP !== "None") delete c.spec.clusterIP;
    delete c.spec.clusterIPs;
    delete c.spec.healthCheckNodePort;
    drop(c.spec, SERVER_DEFAULTS.serviceSpec);
  }
  if (c.kind === "StatefulSet") {
    drop(c.spec, SERVER_DEFAULTS.statefulSetSpec);
    const pod = c.spec.template;
    delete pod.metadata.creationTimestamp;
    drop(pod.spec, SERVER_DEFAULTS.podSpec);
    for (const ctr of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      drop(ctr, SERVER_DEFAULTS.container);
      for (const e of ctr.env ?? []) {
        if (e.valueFrom?.fieldRef?.apiVersion === "v1") delete e.valueFrom.fieldRef.apiVersion;
        if (e.valueFrom?.resourceFieldRef?.divisor === "0") delete e.valueFrom.resourceFieldRef.divisor;
      }
    }
    for (const v of pod.spec.volumes ?? []) if (v.configMap?.defaultMode === 420) delete v.configMap.defaultMode;
    for (const t of c.spec.volumeClaimTemplates ?? []) {
      delete t.apiVersion;
      delete t.kind;
      delete t.status;
      delete t.metadata.creationTimestamp;
      drop(t.spec, SERVER_DEFAULTS.claimSpec);
    }
  }
  return c;
}

export function inputObjects(text: string): Obj[] {
  return parseAllDocuments(text, { version: "1.1" }).flatMap((d) => {
    const v = d.toJS() as Obj | null;
    return v === null ? [] : v.kind === "List" ? v.items : [v];
  });
}

