import type { KubernetesObject } from "@kubernetes/client-node";
import { createTwoFilesPatch } from "diff";
import type { AppSpec } from "../model/app-spec";
import { diffValues, type DiffOptions, type FieldChange } from "./diff-values";

export interface BundleDiffOptions extends DiffOptions {
  /** Namespace assumed for objects that carry none (rendered objects), to match live ones. */
  namespace?: string;
}

export type ObjectAction = "create" | "update" | "delete" | "unchanged";

export interface ObjectDiff {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
  action: ObjectAction;
  changes: FieldChange[];
}

/** Field changes from `live` to `planned`, looking only at fields the plan sets (server defaults ignored). */
export function diffObjects(planned: KubernetesObject, live: KubernetesObject, options: DiffOptions = { ownedOnly: true }): FieldChange[] {
  const out: FieldChange[] = [];
  diffValues(live, planned, "", options, out);
  return out;
}

/**
 * Per-object, per-field differences from `before` to `after` (two template
 * versions, or live objects vs the plan with `{ ownedOnly: true }`).
 * Objects match by API group, kind, namespace and name.
 */
export function diffBundles(before: readonly KubernetesObject[], after: readonly KubernetesObject[], options: BundleDiffOptions = {}): ObjectDiff[] {
  const identity = (o: KubernetesObject) => objectIdentity(o, options.namespace);
  const remaining = new Map(before.map((o) => [identity(o), o]));
  const result: ObjectDiff[] = [];
  for (const obj of after) {
    const id = identity(obj);
    const old = remaining.get(id);
    remaining.delete(id);
    if (!old) {
      result.push({ ...describe(obj), action: "create", changes: [] });
      continue;
    }
    const changes: FieldChange[] = [];
    diffValues(old, obj, "", options, changes);
    result.push({ ...describe(obj), action: changes.length ? "update" : "unchanged", changes });
  }
  for (const obj of remaining.values()) result.push({ ...describe(obj), action: "delete", changes: [] });
  return result;
}

/** Field changes between two app specs (template versions); list items match by name. */
export function diffSpecs(before: AppSpec, after: AppSpec): FieldChange[] {
  const out: FieldChange[] = [];
  diffValues(before, after, "", {}, out);
  return out;
}

/** A unified line diff of two YAML texts, for a side-by-side or patch view. */
export function diffYamlText(before: string, after: string, beforeName = "before.yaml", afterName = "after.yaml"): string {
  return createTwoFilesPatch(beforeName, afterName, before, after, undefined, undefined, { context: 3 });
}

function objectIdentity(o: KubernetesObject, namespace = ""): string {
  const group = (o.apiVersion ?? "").includes("/") ? (o.apiVersion ?? "").split("/")[0] : "";
  return `${group}|${o.kind ?? ""}|${o.metadata?.namespace ?? namespace}|${o.metadata?.name ?? ""}`;
}

function describe(o: KubernetesObject): Omit<ObjectDiff, "action" | "changes"> {
  const d: Omit<ObjectDiff, "action" | "changes"> = { kind: o.kind ?? "", name: o.metadata?.name ?? "" };
  if (o.apiVersion !== undefined) d.apiVersion = o.apiVersion;
  if (o.metadata?.namespace !== undefined) d.namespace = o.metadata.namespace;
  return d;
}
