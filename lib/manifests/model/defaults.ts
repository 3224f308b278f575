import type { AppSpec } from "./app-spec";
import type { Container } from "./container";
import type { EnvVar, EnvVarType } from "./env";
import type { LifecycleHandler, Probe, ProbeType } from "./probe";
import type { Volume, VolumeType } from "./volume";

/** The seed's initial delays per probe kind (the rest are the Kubernetes defaults). */
export const SEED_INITIAL_DELAY: Record<ProbeType, number> = { httpGet: 3, tcpSocket: 15, exec: 5 };

const TIMING = { periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

/** A probe of the given kind, pre-filled the way the seed's form fills it. */
export function defaultProbe(type: ProbeType, port: number | string = 80): Probe {
  const initialDelaySeconds = SEED_INITIAL_DELAY[type];
  switch (type) {
    case "httpGet":
      return { type, path: "/", port, scheme: "HTTP", headers: [], initialDelaySeconds, ...TIMING };
    case "tcpSocket":
      return { type, port, initialDelaySeconds, ...TIMING };
    case "exec":
      return { type, command: ["sh", "-c", "true"], initialDelaySeconds, ...TIMING };
  }
}

/**
 * A lifecycle hook as the form first shows it, per hook: post-start announces the start;
 * pre-stop gives load balancers a few seconds to stop sending traffic before the container is
 * told to stop (never a copy of the post-start command).
 */
export function defaultLifecycleHandler(hook: "postStart" | "preStop", type: "exec" | "httpGet", port: number | string = 80): LifecycleHandler {
  if (type === "httpGet") return { type, path: "/", port, scheme: "HTTP", headers: [] };
  return { type, command: ["sh", "-c", hook === "preStop" ? "sleep 5" : "echo started"] };
}

/** A new container row: the seed's cloud pulls Always; the limit defaults to the request. */
export function defaultContainer(name = "main", image = "nginx:1.27"): Container {
  return {
    name,
    image,
    imagePullPolicy: "Always",
    command: [],
    args: [],
    ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
    env: [],
    envFrom: [],
    resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    stdin: false,
    tty: false,
    volumeMounts: [],
    logs: [],
  };
}

export function defaultEnvVar(type: EnvVarType, name = ""): EnvVar {
  switch (type) {
    case "value":
      return { type, name, value: "" };
    case "configMapKey":
      return { type, name, configMapName: "", key: "" };
    case "secretKey":
      return { type, name, secretName: "", key: "" };
    case "fieldRef":
      return { type, name, fieldPath: "metadata.name" };
    case "resourceFieldRef":
      return { type, name, resource: "limits.cpu" };
    case "fileKey":
      return { type, name, volumeName: "", path: "", key: name };
  }
}

export function defaultVolume(type: Exclude<VolumeType, "other">, name = ""): Volume {
  switch (type) {
    case "configMap":
      return { type, name, configMapName: "" };
    case "secret":
      return { type, name, secretName: "" };
    case "emptyDir":
      return { type, name };
    case "persistentVolumeClaim":
      return { type, name, claimName: "" };
    case "nfs":
      return { type, name, server: "", path: "/" };
  }
}

/** The seed's example: an nginx StatefulSet with two replicas, reachable through a Service. */
export function defaultAppSpec(name = "nginx"): AppSpec {
  return {
    name,
    workloadType: "StatefulSet",
    replicas: 2,
    labels: {},
    annotations: {},
    imagePullSecrets: [],
    initContainers: [],
    containers: [{ ...defaultContainer("nginx", "nginx:1.27"), readinessProbe: defaultProbe("httpGet", "http") }],
    volumes: [],
    volumeClaimTemplates: [],
    service: {
      name: `${name}-svc`,
      type: "ClusterIP",
      headless: false,
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
      annotations: {},
      labels: {},
    },
    podLabels: {},
    podAnnotations: {},
    podManagementPolicy: "OrderedReady",
    updateStrategy: { type: "RollingUpdate" },
    extraObjects: [],
  };
}
