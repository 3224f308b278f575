import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import en from "../../messages/en";
import { ALL, ModuleGraph, namespacesUsed, PROVIDER, type Needs } from "./client-namespaces-scan";
import { pickNamespaces } from "./client-namespaces";

// Each route sends the browser only the catalogue namespaces its client components use
// (<ClientMessages> in its layouts; none at the root: lib/i18n/client-namespaces.ts). A client
// component that asks for one its route does not send would show the key instead of the text (or
// throw, without any provider above it), and only when someone opens that page: this test reads
// every route's client components and fails first.

const root = path.resolve(__dirname, "../..");
const rel = (f: string) => path.relative(root, f);
const ROUTE_FILE = /^(page|layout|error|not-found|loading|template|default|global-error)\.tsx$/;

function routeFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : ROUTE_FILE.test(e.name) ? [p] : [];
  });
}

/** The `namespaces` of the <ClientMessages> a file renders (a literal list, or "all"); null if none. */
function clientMessagesIn(file: string): readonly string[] | "all" | null {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let found: readonly string[] | "all" | null = null;
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(sf) === "ClientMessages") {
      const attr = node.attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText(sf) === "namespaces") as ts.JsxAttribute | undefined;
      const init = attr?.initializer;
      if (init && ts.isStringLiteral(init) && init.text === "all") found = "all";
      else if (init && ts.isJsxExpression(init) && init.expression && ts.isArrayLiteralExpression(init.expression) && init.expression.elements.every(ts.isStringLiteral)) {
        found = init.expression.elements.map((e) => (e as ts.StringLiteral).text);
      } else throw new Error(`${rel(file)}: write <ClientMessages namespaces> as a literal list or "all"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const files = routeFiles();
const lists = new Map(files.filter((f) => path.basename(f) === "layout.tsx").flatMap((f) => {
  const list = clientMessagesIn(f);
  return list ? [[path.dirname(f), list] as const] : [];
}));

/**
 * The folder of the layout whose provider a route file is rendered under: the nearest one at or
 * above its folder (a layout is under its parents'); null when there is none (the root has none).
 */
function providerOf(file: string): string | null {
  let dir = path.dirname(file);
  if (path.basename(file) === "layout.tsx") dir = path.dirname(dir);
  for (; dir.startsWith(path.join(root, "app")); dir = path.dirname(dir)) if (lists.has(dir)) return dir;
  return null;
}

/** What a provider sends: null = no provider at all. */
const sent = (dir: string | null): readonly string[] | "all" | null => (dir === null ? null : lists.get(dir)!);
function lacking(s: readonly string[] | "all" | null, needs: Needs): string[] {
  if (needs !== ALL && needs.size === 0) return [];
  if (s === null) return needs === ALL ? [ALL] : [...needs];
  if (s === "all") return [];
  return needs === ALL ? [ALL] : [...needs].filter((ns) => ns !== PROVIDER && !s.includes(ns));
}
const described = (ns: string) => (ns === ALL ? "the whole catalogue" : ns === PROVIDER ? "a next-intl provider" : `"${ns}"`);

describe("catalogue namespaces sent to the browser", () => {
  const graph = new ModuleGraph(root);

  it("every route sends the namespaces its client components use", () => {
    expect(files.length).toBeGreaterThan(25); // the walk finds the routes
    expect(lists.size).toBeGreaterThan(10); // the route layouts are found
    const missing: string[] = [];
    for (const f of files) {
      const { needs, by } = graph.needs(f);
      const provider = providerOf(f);
      const s = sent(provider);
      const from = s === null ? "no <ClientMessages> is above it" : `${rel(provider!)}/layout.tsx sends ${s === "all" ? "all" : `[${s.join(", ")}]`}`;
      for (const ns of lacking(s, needs)) missing.push(`${rel(f)}: ${by.get(ns)} needs ${described(ns)}; ${from}`);
    }
    expect(missing).toEqual([]);
  }, 60_000); // parses the console's modules

  it("every namespace a route lists is used by a client component there (no stale entries)", () => {
    const stale: string[] = [];
    const used = new Map<string, Needs>();
    for (const f of files) {
      const p = providerOf(f);
      if (p === null) continue;
      const prev = used.get(p) ?? new Set<string>();
      const n = graph.needs(f).needs;
      used.set(p, prev === ALL || n === ALL ? ALL : new Set([...prev, ...n]));
    }
    for (const [dir, list] of lists) {
      const u = used.get(dir) ?? new Set<string>();
      if (list === "all" && u !== ALL) stale.push(`${rel(dir)}: sends the whole catalogue, its client components need [${[...u].join(", ")}]`);
      if (list !== "all" && u !== ALL) for (const ns of list) if (!u.has(ns)) stale.push(`${rel(dir)}: "${ns}" is used by no client component there`);
      if (u !== ALL && u.size === 0) stale.push(`${rel(dir)}: a provider that no client component there needs`);
    }
    expect(stale).toEqual([]);
  }, 60_000);

  it("reads namespaces from hooks, and the whole catalogue where a message's key is data", () => {
    expect(namespacesUsed("a.tsx", `const t = useTranslations("wizard.kv"); const u = useTranslations('common');`)).toEqual(new Set(["wizard", "common"]));
    expect(namespacesUsed("a.tsx", `const t = useTranslations();`)).toBe(ALL);
    expect(namespacesUsed("a.tsx", `const t = useTranslations(ns);`)).toBe(ALL);
    expect(namespacesUsed("a.tsx", `const format = useFormatMsg();`)).toBe(ALL);
    expect(namespacesUsed("a.tsx", `import { useTranslations as useT } from "next-intl"; const t = useT("a");`)).toBe(ALL);
    expect(namespacesUsed("a.tsx", `const t = await getTranslations("nav");`)).toEqual(new Set());
    expect(namespacesUsed("a.tsx", `const locale = useLocale();`)).toEqual(new Set([PROVIDER]));
  });

  it("follows client components' imports, not server actions'", () => {
    const layout = path.join(root, "app/(console)/layout.tsx");
    const client = [...graph.clientModules(layout)].map(rel);
    expect(client).toContain("app/_components/action-select.tsx"); // the team and language menus' only browser part
    expect(client).not.toContain("app/(console)/account/actions.ts"); // "use server"
    expect(client).not.toContain("app/(console)/console-nav.tsx"); // a server component
    // pages with nothing to word in the browser get no provider: the lists of templates and deployments
    expect(graph.needs(path.join(root, "app/(console)/templates/page.tsx")).needs).toEqual(new Set());
    expect(providerOf(path.join(root, "app/(console)/templates/page.tsx"))).toBeNull();
    // the wizard words data-layer messages: the whole catalogue
    expect(graph.needs(path.join(root, "app/(console)/templates/new/page.tsx")).needs).toBe(ALL);
  });

  it("picks the listed namespaces of the catalogue", () => {
    expect(Object.keys(pickNamespaces(en, ["common", "team"])).sort()).toEqual(["common", "team"]);
    expect(pickNamespaces(en, "all")).toBe(en);
    expect(pickNamespaces({ a: 1 }, ["a", "__proto__", "b"])).toEqual({ a: 1 });
  });
});
