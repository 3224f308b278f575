import { defaultAppSpec } from "../model/defaults";

/** Test support (not used by the app): fuzz seeds that break one field of a valid spec. */
export const MUTATED_PATHS = ["name", "replicas", "containers.0.image", "containers.0.ports", "containers.0.ports.0.containerPort", "containers.0.env", "containers.0.resources.requests", "containers.0.readinessProbe", "service.ports.0.targetPort", "service.type", "volumes", "labels"];

/** A default spec with `value` written at a dot path (anything, however wrong). */
export function mutatedSpec(path: string, value: unknown): unknown {
  const spec: any = defaultAppSpec("web");
  const keys = path.split(".");
  let target = spec;
  for (const k of keys.slice(0, -1)) target = target?.[k];
  if (target && typeof target === "object") target[keys[keys.length - 1]] = value;
  return spec;
}
