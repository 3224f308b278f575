import { hasOwnKey, isObj, ownValue, type Obj } from "../plain-object";
import { compareQuantities } from "../validate/quantity";

export interface FieldChange {
  /** e.g. `spec.template.spec.containers[name=web].image`; `before`/`after` undefined = added/removed. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface DiffOptions {
  /**
   * Compare only the fields present on the `after` side (what server-side apply
   * would own), so server-defaulted fields of a live object are not changes.
   */
  ownedOnly?: boolean;
}


/** Keys that identify list items, as Kubernetes merges them (containers by name, ports by number …). */
const ITEM_KEYS = ["name", "containerPort", "port", "mountPath", "ip", "type"] as const;

export function diffValues(before: unknown, after: unknown, path: string, options: DiffOptions, out: FieldChange[]): void {
  if (isObj(after) && isObj(before)) {
    const keys = options.ownedOnly ? Object.keys(after) : unionKeys(before, after);
    for (const key of keys) diffValues(ownValue(before, key), ownValue(after, key), joinKey(path, key), options, out);
    return;
  }
  if (Array.isArray(after) && Array.isArray(before) && after.every(isObj) && before.every(isObj)) {
    diffLists(before as Obj[], after as Obj[], path, options, out);
    return;
  }
  if (after === undefined && options.ownedOnly) return;
  if (!sameValue(before, after, path)) out.push(change(path, before, after));
}

function diffLists(before: Obj[], after: Obj[], path: string, options: DiffOptions, out: FieldChange[]): void {
  const key = ITEM_KEYS.find((k) => [...before, ...after].every((item) => ownValue(item, k) !== undefined) && unique(after, k) && unique(before, k));
  if (key === undefined) {
    const length = options.ownedOnly ? after.length : Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) diffValues(before[i], after[i], `${path}[${i}]`, options, out);
    return;
  }
  const byKey = new Map(before.map((item) => [String(item[key]), item]));
  for (const item of after) {
    const id = String(item[key]);
    diffValues(byKey.get(id), item, `${path}[${key}=${id}]`, options, out);
    byKey.delete(id);
  }
  if (!options.ownedOnly) for (const [id, item] of byKey) out.push(change(`${path}[${key}=${id}]`, item, undefined));
}

function unique(items: Obj[], key: string): boolean {
  return new Set(items.map((i) => String(i[key]))).size === items.length;
}

function unionKeys(a: Obj, b: Obj): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!hasOwnKey(a, k)) keys.push(k);
  return keys;
}

/** Equal JSON, or equal quantities under resources ("1Gi" = "1024Mi", cpu 1 = "1"). */
function sameValue(a: unknown, b: unknown, path: string): boolean {
  if (a === b) return true;
  if (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b)) return true;
  if (/(requests|limits|capacity)\.[^.]+$|sizeLimit$/.test(path) && (typeof a === "string" || typeof a === "number") && (typeof b === "string" || typeof b === "number"))
    return compareQuantities(String(a), String(b)) === 0;
  return false;
}

function change(path: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { path };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

function joinKey(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
