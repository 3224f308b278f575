import { isObj, ownValue, unsafeSegment } from "@/lib/manifests/plain-object";

// A small form store for the application wizard (it replaced react-hook-form, 14.8 kB gzipped of
// the wizard's first load, with what the wizard uses: about 1.5 kB). Plain and framework-free so
// it can be tested without a browser; app/(console)/templates/_wizard/form-hooks.ts reads it from
// React with useSyncExternalStore.
//
// - Values are replaced, never mutated: a change copies the objects along its path, so any path's
//   value is a stable snapshot (equal by reference until something under it changes).
// - Paths are dotted ("spec.containers.0.image"). They come from the wizard's own code, but never
//   walk through `__proto__`/`constructor`/`prototype`: reads give undefined, writes throw.
// - Errors are a flat map path → message in the order found; a field shows the message at its path,
//   or else the first one under it (a key/value editor shows its rows' errors).
// - Inputs stay uncontrolled, as they were with react-hook-form: an input is attached to its path
//   (attach/detach from its ref), reads its text on change and is written when the value changes
//   from elsewhere (another field, a toggle, the YAML view) — never while it already shows the
//   value, so "08" or "abc" typed into a number field stays as typed.
// - Field arrays have stable keys per array path (React keys for rows); a removed or replaced row's
//   nested arrays get new keys.

/** All of the form's errors: path → message. */
export type FormErrors = Map<string, string>;
/** Validates the whole form; the store keeps what it needs (the changed field's part). */
export type Validator<V> = (values: V) => Promise<FormErrors>;
/** Text of an input → the form value (numbers, "unset when empty"). */
export type Parse = (text: string) => unknown;

/** The parts of an <input>/<select>/<textarea> the store touches (tests pass plain objects). */
export type FieldElement = {
  value: string;
  defaultValue?: string;
  type?: string;
  checked?: boolean;
  defaultChecked?: boolean;
  focus?: () => void;
  getAttribute?: (name: string) => string | null;
};

export type FormStore<V extends object> = ReturnType<typeof createFormStore<V>>;

function segments(path: string): string[] {
  const bad = unsafeSegment(path);
  if (bad !== undefined) throw new Error(`form path ${JSON.stringify(path)} has the segment ${bad}`);
  return path === "" ? [] : path.split(".");
}

/** The value at `path` (own properties only; undefined for a path through a prototype key). */
export function getPath(root: unknown, path: string): unknown {
  if (path === "") return root;
  if (unsafeSegment(path) !== undefined) return undefined;
  let node = root;
  for (const key of path.split(".")) node = ownValue(node, key);
  return node;
}

/** A copy of `root` with `value` at `path`; objects along the path are copied, the rest is shared. */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const keys = segments(path);
  const put = (node: unknown, i: number): unknown => {
    if (i === keys.length) return value;
    const key = keys[i];
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? node.slice() : isObj(node) ? { ...node } : /^\d+$/.test(key) ? [] : {};
    (copy as Record<string, unknown>)[key] = put(ownValue(node, key), i + 1);
    return copy;
  };
  return put(root, 0) as T;
}

/** Deep equality of JSON-like values where an `undefined` member counts as absent (an unset optional field). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isObj(a) || !isObj(b)) return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

const under = (path: string, prefix: string) => prefix === "" || path === prefix || path.startsWith(`${prefix}.`);
/** What an input shows for a value (nothing for unset and for a number that is not one). */
export const fieldText = (v: unknown) => (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v));
/** A checkbox with a value attribute is one of a group: its path holds the list of checked values. */
const groupValue = (el: FieldElement) => (el.type === "checkbox" ? el.getAttribute?.("value") ?? undefined : undefined);

let nextKey = 0;

export function createFormStore<V extends object>(initial: V, validator: Validator<V>) {
  let values = initial;
  const defaults = initial;
  let errors: FormErrors = new Map();
  let dirtyFor: V | undefined;
  let dirty = false;
  const listeners = new Set<() => void>();
  const keys = new Map<string, string[]>();
  const elements = new Map<FieldElement, { path: string; parse: Parse }>();
  const seen = new WeakSet<FieldElement>();
  const latest = new Map<string, number>();
  let validations = 0;
  let focusPrefix: string | undefined;

  const notify = () => {
    for (const l of [...listeners]) l();
  };
  const get = <T = unknown>(path = ""): T => getPath(values, path) as T;

  function readElement(el: FieldElement, path: string, parse: Parse): unknown {
    // a group: the checked boxes' values, in the boxes' own order (the order they were attached in)
    if (groupValue(el) !== undefined) return [...elements].filter(([e, b]) => b.path === path && e.checked).map(([e]) => groupValue(e));
    return el.type === "checkbox" ? !!el.checked : parse(el.value);
  }

  function writeElement(el: FieldElement, path: string, parse: Parse) {
    const v = get(path);
    const member = groupValue(el);
    if (member !== undefined) el.checked = Array.isArray(v) && v.includes(member);
    else if (el.type === "checkbox") el.checked = !!v;
    else if (!sameValue(parse(el.value), v)) el.value = fieldText(v);
  }

  /** Writes the attached inputs at or under `path` from the values. */
  function syncElements(path: string) {
    for (const [el, { path: p, parse }] of elements) if (under(p, path)) writeElement(el, p, parse);
  }

  function setValue(path: string, value: unknown, options: { validate?: boolean } = {}) {
    values = setPath(values, path, value);
    syncElements(path);
    notify();
    if (options.validate) void validate(path);
  }

  /** Errors at or under `path` replaced by `found`'s (all of them when `path` is ""). */
  function replaceErrors(path: string, found: FormErrors) {
    const next: FormErrors = new Map();
    for (const [p, m] of errors) if (!under(p, path)) next.set(p, m);
    for (const [p, m] of found) if (under(p, path)) next.set(p, m);
    errors = next;
    notify();
  }

  /** Runs the validator and shows its errors at or under `path` ("" = the whole form); returns them all. */
  async function validate(path = ""): Promise<FormErrors> {
    const run = ++validations;
    latest.set(path, run);
    const found = await validator(values);
    // an older run for the same path must not overwrite a newer one's result
    if (latest.get(path) === run) replaceErrors(path, found);
    return found;
  }

  /** The stable row keys of the array at `path` (as many as it has items). */
  function keysOf(path: string): string[] {
    const length = (get<unknown[] | undefined>(path) ?? []).length;
    const known = keys.get(path);
    if (known?.length === length) return known; // the same array while nothing changed (a React snapshot)
    const next = (known ?? []).slice(0, length);
    while (next.length < length) next.push(`k${nextKey++}`);
    keys.set(path, next);
    return next;
  }

  /** Forgets the keys of arrays under `path` (its rows were replaced or shifted). */
  function dropNestedKeys(path: string) {
    for (const k of [...keys.keys()]) if (k.startsWith(`${path}.`)) keys.delete(k);
  }

  const list = (path: string) => get<unknown[] | undefined>(path) ?? [];
  const arrays = {
    append(path: string, item: unknown) {
      const items = list(path);
      keys.set(path, [...keysOf(path), `k${nextKey++}`]);
      // like react-hook-form: the new row's first input takes the focus when it appears
      focusPrefix = `${path}.${items.length}.`;
      setTimeout(() => (focusPrefix = undefined), 0);
      setValue(path, [...items, item]);
      void validate(path);
    },
    remove(path: string, index: number) {
      const rowKeys = keysOf(path).slice();
      rowKeys.splice(index, 1);
      keys.set(path, rowKeys);
      dropNestedKeys(path);
      replaceErrors(path, new Map());
      setValue(path, list(path).filter((_, i) => i !== index));
      void validate(path);
    },
    update(path: string, index: number, item: unknown) {
      const rowKeys = keysOf(path).slice();
      rowKeys[index] = `k${nextKey++}`;
      keys.set(path, rowKeys);
      dropNestedKeys(`${path}.${index}`);
      setValue(path, list(path).map((x, i) => (i === index ? item : x)));
      void validate(path);
    },
  };

  return {
    get,
    setValue,
    validate,
    ...arrays,
    keysOf,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** True while the values differ from the first ones (unset optional members count as absent). */
    isDirty() {
      if (dirtyFor !== values) {
        dirtyFor = values;
        dirty = !sameValue(values, defaults);
      }
      return dirty;
    },
    /** New values (the YAML view's); the first ones stay what "unsaved changes" compares with. */
    reset(next: V) {
      values = next;
      errors = new Map();
      keys.clear();
      syncElements("");
      notify();
    },
    /** The message for the field at `path`: its own, else the first under it. */
    errorAt(path: string): string | undefined {
      const own = errors.get(path);
      if (own !== undefined) return own;
      for (const [p, m] of errors) if (p.startsWith(`${path}.`)) return m;
      return undefined;
    },
    setError(path: string, message: string) {
      errors = new Map(errors).set(path, message);
      notify();
    },
    /** Validates everything and shows every error; then `onValid(values)` or `onInvalid()`. */
    async submit(onValid: (values: V) => void, onInvalid: () => void) {
      const found = await validate();
      if (found.size) onInvalid();
      else onValid(values);
    },
    /** An input's ref: binds it to `path` (null when React lets go of it). */
    attach(path: string, el: FieldElement, parse: Parse = (s) => s) {
      segments(path);
      elements.set(el, { path, parse });
      const first = !seen.has(el);
      seen.add(el);
      // Text typed into the server-rendered input before the page's script ran is kept.
      if (first && el.type !== "checkbox" && el.defaultValue !== undefined && el.value !== el.defaultValue) setValue(path, parse(el.value), { validate: true });
      else if (first && el.type === "checkbox" && el.defaultChecked !== undefined && el.checked !== el.defaultChecked) setValue(path, readElement(el, path, parse), { validate: true });
      else if (get(path) === undefined && el.type === "select-one" && parse(el.value) !== undefined) {
        // like react-hook-form: a select whose value is unset takes the option it shows (the first)
        values = setPath(values, path, parse(el.value));
        notify();
      } else writeElement(el, path, parse);
      if (focusPrefix && path.startsWith(focusPrefix)) {
        focusPrefix = undefined;
        el.focus?.();
      }
    },
    detach(el: FieldElement) {
      elements.delete(el);
    },
    /** An attached input changed (its change/input event). */
    changed(el: FieldElement) {
      const binding = elements.get(el);
      if (binding) setValue(binding.path, readElement(el, binding.path, binding.parse), { validate: true });
    },
  };
}
