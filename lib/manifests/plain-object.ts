/** A plain JSON/YAML mapping: an object that is neither null nor an array. */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Prototype safety for user-shaped data (YAML, JSON bodies, form fields, dotted paths).
// `obj[key] = v` with key "__proto__" replaces obj's prototype, and walking a path through
// "__proto__", "constructor" or "prototype" reaches Object.prototype, which every object in the
// process shares. So: paths refuse those segments, reads take own properties only, writes with a
// user key define an own property, and parsed input holding a "__proto__" key is refused.

/** Path segments that lead to shared prototypes. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/** The first segment of a dotted path that is `__proto__`, `constructor` or `prototype`. */
export function unsafeSegment(path: string): string | undefined {
  return path.split(".").find(isUnsafeKey);
}

/** `node[key]` when `node` is an object or array that owns `key`; never an inherited value. */
export function ownValue(node: unknown, key: string): unknown {
  return typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Obj)[key] : undefined;
}

export function hasOwnKey(node: unknown, key: string): boolean {
  return typeof node === "object" && node !== null && Object.hasOwn(node, key);
}

/** `target[key] = value` that always makes an own data property (never runs the `__proto__` setter). */
export function setOwn(target: Obj, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `(map[key] ??= []).push(item)` for a map keyed by user text (field paths): own lists only. */
export function pushAt<T>(map: Record<string, T[]>, key: string, item: T): void {
  const list = ownValue(map, key);
  if (Array.isArray(list)) list.push(item);
  else setOwn(map, key, [item]);
}
