/**
 * Small builders that keep rendered objects free of empty maps, empty lists and
 * undefined values, and merge the passthrough bags under the modelled fields.
 */

import { isObj, ownValue, setOwn, type Obj } from "../plain-object";

export type { Obj };

/** Sets `key` only when the value is meaningful (not undefined, not an empty list or map). */
export function setIf(target: Obj, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (isObj(value) && !hasKeys(value)) return;
  setOwn(target, key, value);
}

function hasKeys(obj: Obj): boolean {
  for (const _ in obj) return true;
  return false;
}

/** A copy of a string map with keys sorted, so output does not depend on insertion order. */
export function sortedMap(map: Record<string, string>): Record<string, string> {
  if (!hasKeys(map)) return {};
  const keys = Object.keys(map);
  if (!isSorted(keys)) keys.sort();
  const out: Record<string, string> = {};
  for (const key of keys) setOwn(out, key, map[key]);
  return out;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/**
 * Deep-merges a passthrough bag into a rendered object. Modelled fields win;
 * maps merge key by key; new keys are appended after the modelled ones.
 */
export function mergeExtra<T extends Obj>(rendered: T, extra: Obj | undefined): T {
  if (!extra) return rendered;
  const target = rendered as Obj;
  for (const key of Object.keys(extra)) {
    const value = extra[key];
    if (value === undefined) continue;
    const current = ownValue(target, key);
    if (current === undefined) setOwn(target, key, cloneJson(value));
    else if (isObj(current) && isObj(value)) setOwn(target, key, mergeExtra({ ...current }, value));
  }
  return rendered;
}

/** Copies JSON-like data so rendered objects never alias the spec. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isObj(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value)) setOwn(out, key, cloneJson(value[key]));
    return out as T;
  }
  return value;
}
