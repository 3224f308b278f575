import { asObj, compact, dropDefaults, type Obj } from "./read";

/** What `kubectl get -o yaml` adds that a user never wrote. */
const METADATA_NOISE = ["resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds"];
const ANNOTATION_NOISE = ["kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision"];

export interface Stripped {
  object: Obj;
  namespace?: string;
}

/** Removes status and server-managed metadata; reports the namespace (the deploy target decides it). */
export function stripNoise(object: Obj): Stripped {
  const { status: _status, ...rest } = object;
  const meta = { ...asObj(object.metadata) };
  for (const key of METADATA_NOISE) delete meta[key];
  const namespace = typeof meta.namespace === "string" ? meta.namespace : undefined;
  delete meta.namespace;
  const annotations = { ...asObj(meta.annotations) };
  for (const key of ANNOTATION_NOISE) delete annotations[key];
  meta.annotations = annotations;
  // Spreading keeps metadata where it was, so the key order of extra objects survives.
  return { object: { ...rest, metadata: compact(meta) ?? {} }, namespace };
}

/**
 * Server defaults of fields the form does not model, per object part: dropped on
 * import so the passthrough bags stay clean. Modelled fields (pull policy, PVC
 * retention …) are kept as found, so import(render(spec)) always equals spec.
 */
export const SERVER_DEFAULTS = {
  statefulSetSpec: { revisionHistoryLimit: 10, minReadySeconds: 0 },
  podSpec: {
    restartPolicy: "Always", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler",
    securityContext: {}, terminationGracePeriodSeconds: 30,
  },
  container: { terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" },
  serviceSpec: {
    sessionAffinity: "None", ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4"], internalTrafficPolicy: "Cluster",
    allocateLoadBalancerNodePorts: true,
  },
  claimSpec: { volumeMode: "Filesystem" },
} as const;

export function withoutDefaults(obj: Obj, part: keyof typeof SERVER_DEFAULTS): Obj {
  return dropDefaults(obj, SERVER_DEFAULTS[part]);
}

/** `serviceAccount` is the deprecated alias the API server copies from `serviceAccountName`. */
export function withoutPodAliases(podSpec: Obj): Obj {
  const { serviceAccount, ...rest } = podSpec;
  return serviceAccount === undefined || serviceAccount === rest.serviceAccountName ? rest : podSpec;
}

