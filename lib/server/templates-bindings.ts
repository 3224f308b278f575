import "server-only";
import { findParameterReferences, isObj, PARAM_KEY, resolveParameters, type Obj, type ParameterDefinition } from "@/lib/manifests";
import { hasOwnKey, ownValue, pushAt, unsafeSegment } from "@/lib/manifests/plain-object";
import type { AppSpec } from "@/lib/manifests";

// The wizard edits a concrete app (every field has a value) and marks some fields as parameters
// ("bindings"). A stored template spec holds parameter references instead:
//   value: { "$param": "replicas" }            the whole field is the parameter
//   tag:   "nginx:{{ params.imageTag }}"        the image's tag is the parameter
//   text:  any other string with {{ params.x }} kept verbatim (imported templates)
export type Binding = { path: string; parameter: string; mode: "value" | "tag" | "text"; raw?: string };

export const UNSAFE_PATH_MESSAGE = 'the path may not contain "__proto__", "constructor" or "prototype"';


/** A deep copy of `spec` with each binding's field replaced by its reference. */
export function applyBindings(spec: unknown, bindings: readonly Binding[]): { spec: Obj; errors: Record<string, string[]> } {
  const copy = structuredClone(spec) as Obj;
  const errors: Record<string, string[]> = {};
  for (const b of bindings) {
    // The path is the user's: it may only name the spec's own fields, never a prototype.
    if (unsafeSegment(b.path) !== undefined) {
      pushAt(errors, `spec.${b.path}`, UNSAFE_PATH_MESSAGE);
      continue;
    }
    const keys = b.path.split(".");
    const last = keys.pop()!;
    let node: unknown = copy;
    for (const k of keys) node = ownValue(node, k);
    if (!(isObj(node) || Array.isArray(node)) || !hasOwnKey(node, last)) {
      pushAt(errors, `spec.${b.path}`, `parameter "${b.parameter}" is bound to a field that no longer exists`);
      continue;
    }
    const parent = node as Obj;
    if (b.mode === "value") parent[last] = { [PARAM_KEY]: b.parameter };
    else if (b.mode === "text") parent[last] = b.raw ?? `{{ params.${b.parameter} }}`;
    else {
      const image = String(parent[last] ?? "");
      parent[last] = `${imageRepository(image)}:{{ params.${b.parameter} }}`;
    }
  }
  return { spec: copy, errors };
}

/** `registry:5000/nginx:1.27@sha…` → `registry:5000/nginx` (the part before the tag). */
export function imageRepository(image: string): string {
  const noDigest = image.split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The other way: a stored template → the concrete app (parameter defaults) and its bindings. */
export function unbindTemplate(spec: unknown, parameters: ParameterDefinition[]): { spec: AppSpec | null; bindings: Binding[]; errors: string[] } {
  const bindings: Binding[] = [];
  const seen = new Set<string>();
  for (const ref of findParameterReferences(spec)) {
    if (seen.has(ref.path)) continue;
    seen.add(ref.path);
    const raw = valueAt(spec, ref.path);
    if (isObj(raw) && hasOwnKey(raw, PARAM_KEY)) bindings.push({ path: ref.path, parameter: ref.name, mode: "value" });
    else if (typeof raw === "string" && new RegExp(`^[^{}\\s]+:\\{\\{\\s*params\\.${ref.name}\\s*\\}\\}$`).test(raw) && /(^|\.)image$/.test(ref.path))
      bindings.push({ path: ref.path, parameter: ref.name, mode: "tag" });
    else bindings.push({ path: ref.path, parameter: ref.name, mode: "text", raw: String(raw) });
  }
  const resolved = resolveParameters({ spec: spec as Obj, parameters }, {});
  if (resolved.ok) return { spec: resolved.spec, bindings, errors: [] };
  return { spec: null, bindings, errors: resolved.errors.map((e) => e.message) };
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const k of path.split(".")) node = ownValue(node, k);
  return node;
}
