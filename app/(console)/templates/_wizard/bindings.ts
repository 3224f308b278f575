import type { Binding } from "./types";

/** After removing item `index` of `spec.<list>`: its bindings go, later items' paths shift down. */
export function dropBindings(bindings: Binding[], list: string, index: number): Binding[] {
  const prefix = `${list}.`;
  const out: Binding[] = [];
  for (const b of bindings) {
    if (!b.path.startsWith(prefix)) {
      out.push(b);
      continue;
    }
    const [i, ...rest] = b.path.slice(prefix.length).split(".");
    const n = Number(i);
    if (n === index) continue;
    out.push(n > index ? { ...b, path: [list, n - 1, ...rest].join(".") } : b);
  }
  return out;
}
