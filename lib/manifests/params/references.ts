import { hasOwnKey, ownValue, setOwn } from "../plain-object";
import type { ParameterValue } from "./param-schema";

/**
 * Two ways a template spec refers to parameters:
 *   { "$param": "replicas" }          the whole value becomes the typed value (number, boolean, string)
 *   "nginx:{{ params.imageTag }}"     the value is interpolated into a string
 */
export const PARAM_KEY = "$param";
const PLACEHOLDER = /\{\{\s*params\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export interface ParameterReference {
  name: string;
  /** Dot path in the spec, e.g. `containers.0.image`. */
  path: string;
}

function isRef(v: unknown): v is { $param: string } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === PARAM_KEY && typeof (v as Record<string, unknown>)[PARAM_KEY] === "string";
}

/** Every reference in a template spec, with where it sits. */
export function findParameterReferences(spec: unknown): ParameterReference[] {
  const refs: ParameterReference[] = [];
  walk(spec, "", (value, path) => {
    if (isRef(value)) refs.push({ name: value.$param, path });
    else if (typeof value === "string") for (const m of value.matchAll(PLACEHOLDER)) refs.push({ name: m[1], path });
  });
  return refs;
}

/**
 * Replaces references with values; returns the new spec and the paths each
 * parameter landed on (so later validation errors can name the parameter).
 */
export function substituteParameters(spec: unknown, values: Partial<Record<string, ParameterValue>>): { spec: unknown; landed: Map<string, string> } {
  const landed = new Map<string, string>();
  const replace = (value: unknown, path: string): unknown => {
    if (isRef(value)) {
      landed.set(path, value.$param);
      return ownValue(values, value.$param);
    }
    if (typeof value === "string") {
      return value.replace(PLACEHOLDER, (_, name: string) => {
        landed.set(path, name);
        return hasOwnKey(values, name) ? String(values[name]) : "";
      });
    }
    if (Array.isArray(value)) return value.map((v, i) => replace(v, join(path, i)));
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setOwn(out, k, replace(v, join(path, k)));
      return out;
    }
    return value;
  };
  return { spec: replace(spec, ""), landed };
}

function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(value, path);
  if (isRef(value)) return;
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, join(path, i), visit));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, join(path, k), visit);
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}
