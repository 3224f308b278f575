// Versions of the control-plane components built from Go modules.
// Changing a version here changes the cache key, so the next start rebuilds.
// The wrapper modules (kube/go.mod, etcd/go.mod) must be updated to match:
// see README.md ("Upgrading").

export const KUBERNETES_VERSION = "v1.36.3";
/** Published tag of the k8s.io/* staging modules that belong to KUBERNETES_VERSION. */
export const STAGING_VERSION = "v0.36.3";
export const ETCD_VERSION = "v3.6.16";
export const KWOK_VERSION = "v0.8.0";
/** sigs.k8s.io/metrics-server: serves metrics.k8s.io from kwok's fake resource usage (HPAs measure). */
export const METRICS_SERVER_VERSION = "v0.8.0";
/** Oldest Go toolchain that can build KUBERNETES_VERSION (its go.mod says `go 1.26.0`). */
export const MIN_GO = [1, 26] as const;
