import { describe, expect, it, vi } from "vitest";
import { createFormStore, getPath, sameValue, setPath, type FieldElement, type FormErrors } from "./form-store";

type Values = { meta: { name: string }; spec: { replicas: number; labels: Record<string, string>; ports: { port: number; name?: string }[]; modes?: string[]; stdin?: boolean } };

const initial = (): Values => ({ meta: { name: "" }, spec: { replicas: 1, labels: {}, ports: [{ port: 80 }, { port: 81 }] } });

/** A validator like the wizard's: a name is required, replicas ≥ 1, ports ≤ 65535. */
const rules = async (v: Values): Promise<FormErrors> => {
  const e: FormErrors = new Map();
  if (!v.meta.name) e.set("meta.name", "required");
  if (!(v.spec.replicas >= 1)) e.set("spec.replicas", "at least 1");
  v.spec.ports.forEach((p, i) => p.port > 65535 && e.set(`spec.ports.${i}.port`, "too big"));
  return e;
};

const input = (value = "", extra: Partial<FieldElement> = {}): FieldElement => ({ type: "text", value, defaultValue: value, focus: vi.fn(), ...extra });
const flush = () => new Promise((r) => setTimeout(r, 0));
const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : /^-?\d+$/.test(s.trim()) ? Number(s) : Number.NaN);

describe("paths", () => {
  it("copies only what is along the path and shares the rest", () => {
    const v = initial();
    const next = setPath(v, "spec.ports.1.port", 90);
    expect(next.spec.ports[1].port).toBe(90);
    expect(v.spec.ports[1].port).toBe(81);
    expect(next.meta).toBe(v.meta);
    expect(next.spec.ports[0]).toBe(v.spec.ports[0]);
    expect(Array.isArray(next.spec.ports)).toBe(true);
    expect(setPath({}, "a.0.b", 1)).toEqual({ a: [{ b: 1 }] });
  });

  it("refuses prototype segments: reads are undefined, writes throw, nothing shared changes", () => {
    expect(getPath({}, "__proto__")).toBeUndefined();
    expect(getPath({ a: {} }, "a.constructor.prototype")).toBeUndefined();
    expect(() => setPath({}, "__proto__.polluted", 1)).toThrow(/__proto__/);
    expect(() => setPath({}, "a.constructor.prototype.x", 1)).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const store = createFormStore(initial(), rules);
    expect(() => store.setValue("spec.__proto__.x", 1)).toThrow();
    expect(() => store.attach("prototype", input())).toThrow();
  });

  it("treats unset optional members as absent when comparing", () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: [1, { c: undefined }] }, { a: [1, {}] })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1], [1, 2])).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue({ a: "" }, {})).toBe(false);
  });
});

describe("values, dirty and watchers", () => {
  it("notifies watchers with stable snapshots and is dirty until the first values come back", () => {
    const store = createFormStore(initial(), rules);
    const seen: unknown[] = [];
    const stop = store.subscribe(() => seen.push(store.get("spec.labels")));
    const labels = store.get("spec.labels");
    store.setValue("meta.name", "web");
    expect(store.get("spec.labels")).toBe(labels); // unrelated snapshot unchanged
    expect(store.isDirty()).toBe(true);
    store.setValue("meta.name", "");
    expect(store.isDirty()).toBe(false);
    store.setValue("spec.stdin", undefined); // an optional field left unset is no change
    expect(store.isDirty()).toBe(false);
    stop();
    store.setValue("meta.name", "x");
    expect(seen).toHaveLength(3);
  });

  it("reset replaces the values and clears the errors but keeps what 'unsaved' compares with", async () => {
    const store = createFormStore(initial(), rules);
    await store.validate();
    expect(store.errorAt("meta.name")).toBe("required");
    const next = { ...initial(), meta: { name: "imported" } };
    store.reset(next);
    expect(store.get("meta.name")).toBe("imported");
    expect(store.errorAt("meta.name")).toBeUndefined();
    expect(store.isDirty()).toBe(true);
  });
});

describe("errors", () => {
  it("a change validates and shows only the changed field's errors", async () => {
    const store = createFormStore(initial(), rules);
    store.setValue("spec.replicas", 0, { validate: true });
    await flush();
    expect(store.errorAt("spec.replicas")).toBe("at least 1");
    expect(store.errorAt("meta.name")).toBeUndefined(); // untouched: not flagged
    store.setValue("spec.replicas", 2, { validate: true });
    await flush();
    expect(store.errorAt("spec.replicas")).toBeUndefined();
  });

  it("a field shows its own message, else the first under it", () => {
    const store = createFormStore(initial(), rules);
    store.setError("spec.labels.a b", "bad key");
    store.setError("spec.labels.c", "bad too");
    expect(store.errorAt("spec.labels")).toBe("bad key");
    store.setError("spec.labels", "duplicate");
    expect(store.errorAt("spec.labels")).toBe("duplicate");
    expect(store.errorAt("spec.label")).toBeUndefined(); // a prefix of a segment is not a parent
  });

  it("an older validation's result never overwrites a newer one's", async () => {
    const gates: ((e: FormErrors) => void)[] = [];
    const store = createFormStore(initial(), () => new Promise<FormErrors>((r) => gates.push(r)));
    const first = store.validate("meta.name");
    const second = store.validate("meta.name");
    gates[1](new Map());
    await second;
    gates[0](new Map([["meta.name", "stale"]]));
    await first;
    expect(store.errorAt("meta.name")).toBeUndefined();
  });

  it("submit shows every error and calls onInvalid, or onValid with the values", async () => {
    const store = createFormStore(initial(), rules);
    const onValid = vi.fn();
    const onInvalid = vi.fn();
    store.setValue("spec.ports.1.port", 70000);
    await store.submit(onValid, onInvalid);
    expect(onInvalid).toHaveBeenCalledOnce();
    expect(store.errorAt("meta.name")).toBe("required");
    expect(store.errorAt("spec.ports")).toBe("too big");
    store.setValue("meta.name", "web");
    store.setValue("spec.ports.1.port", 443);
    await store.submit(onValid, onInvalid);
    expect(onValid).toHaveBeenCalledWith(store.get());
    expect(store.errorAt("meta.name")).toBeUndefined();
  });
});

describe("field arrays", () => {
  it("keeps each row's key through edits, appends and removals", () => {
    const store = createFormStore(initial(), rules);
    const [a, b] = store.keysOf("spec.ports");
    expect(store.keysOf("spec.ports")).toBe(store.keysOf("spec.ports")); // a stable snapshot
    expect(store.keysOf("spec.absent")).toBe(store.keysOf("spec.absent")); // of a list not there yet too
    store.setValue("spec.ports.0.port", 8080);
    expect(store.keysOf("spec.ports")).toEqual([a, b]);
    store.append("spec.ports", { port: 82 });
    const [, , c] = store.keysOf("spec.ports");
    expect(new Set([a, b, c]).size).toBe(3);
    store.remove("spec.ports", 0);
    expect(store.keysOf("spec.ports")).toEqual([b, c]);
    expect(store.get("spec.ports")).toEqual([{ port: 81 }, { port: 82 }]);
    store.update("spec.ports", 0, { port: 1 });
    const [d] = store.keysOf("spec.ports");
    expect(d).not.toBe(b); // a replaced row is a new row (its inputs start from its value)
    store.reset(initial());
    expect(store.keysOf("spec.ports")).not.toContain(c);
  });

  it("removing a row moves the later rows' errors with them (after revalidation) and drops its own", async () => {
    const store = createFormStore(initial(), rules);
    store.setValue("spec.ports.0.port", 70000);
    store.setValue("spec.ports.1.port", 70001);
    await store.validate();
    expect(store.errorAt("spec.ports.1.port")).toBe("too big");
    store.remove("spec.ports", 0);
    expect(store.errorAt("spec.ports.1.port")).toBeUndefined();
    await flush();
    expect(store.errorAt("spec.ports.0.port")).toBe("too big");
  });

  it("an appended row's first attached input takes the focus", () => {
    const store = createFormStore(initial(), rules);
    store.append("spec.ports", { port: 90, name: "" });
    const other = input("80");
    store.attach("spec.ports.0.port", other, toNumber);
    const name = input("");
    store.attach("spec.ports.2.name", name);
    const port = input("90");
    store.attach("spec.ports.2.port", port, toNumber);
    expect(other.focus).not.toHaveBeenCalled();
    expect(name.focus).toHaveBeenCalledOnce();
    expect(port.focus).not.toHaveBeenCalled();
  });
});

describe("inputs", () => {
  it("reads typed text through the field's parser and leaves what the user typed alone", () => {
    const store = createFormStore(initial(), rules);
    const el = input("1");
    store.attach("spec.replicas", el, toNumber);
    el.value = "abc";
    store.changed(el);
    expect(store.get("spec.replicas")).toBeNaN();
    expect(el.value).toBe("abc"); // not rewritten to "" or "NaN"
    el.value = "3";
    store.changed(el);
    expect(store.get("spec.replicas")).toBe(3);
  });

  it("writes an attached input when its value changes elsewhere (a toggle, a reset)", () => {
    const store = createFormStore(initial(), rules);
    const el = input("80");
    store.attach("spec.ports.0.port", el, toNumber);
    store.setValue("spec.ports", [{ port: 443 }]);
    expect(el.value).toBe("443");
    store.reset({ ...initial(), spec: { ...initial().spec, ports: [{ port: 8443 }] } });
    expect(el.value).toBe("8443");
    store.detach(el);
    store.setValue("spec.ports.0.port", 1);
    expect(el.value).toBe("8443");
  });

  it("keeps text typed into the server's HTML before the script attached the input", async () => {
    const store = createFormStore(initial(), rules);
    const el = input("");
    el.value = "typed early";
    store.attach("meta.name", el);
    expect(store.get("meta.name")).toBe("typed early");
    expect(el.value).toBe("typed early");
  });

  it("checkboxes: one is a boolean, a group with values is the list of checked values in the boxes' order", () => {
    const store = createFormStore(initial(), rules);
    const stdin = input("on", { type: "checkbox", checked: false, defaultChecked: false });
    store.attach("spec.stdin", stdin);
    stdin.checked = true;
    store.changed(stdin);
    expect(store.get("spec.stdin")).toBe(true);
    const box = (value: string): FieldElement => ({ type: "checkbox", value, checked: false, defaultChecked: false, getAttribute: (n) => (n === "value" ? value : null) });
    const [rwo, rox, rwx] = [box("ReadWriteOnce"), box("ReadOnlyMany"), box("ReadWriteMany")];
    for (const b of [rwo, rox, rwx]) store.attach("spec.modes", b);
    rwx.checked = true;
    store.changed(rwx);
    rwo.checked = true;
    store.changed(rwo);
    expect(store.get("spec.modes")).toEqual(["ReadWriteOnce", "ReadWriteMany"]);
    rwx.checked = false;
    store.changed(rwx);
    expect(store.get("spec.modes")).toEqual(["ReadWriteOnce"]);
    store.setValue("spec.modes", ["ReadOnlyMany"]);
    expect([rwo.checked, rox.checked, rwx.checked]).toEqual([false, true, false]);
  });

  it("a select whose value is unset takes the option it shows", () => {
    const store = createFormStore(initial(), rules);
    store.attach("spec.ports.0.name", { type: "select-one", value: "TCP" });
    expect(store.get("spec.ports.0.name")).toBe("TCP");
    const optional = { type: "select-one", value: "" };
    store.attach("spec.ports.1.name", optional, (s) => (s === "" ? undefined : s));
    expect(store.get("spec.ports.1.name")).toBeUndefined();
  });
});
