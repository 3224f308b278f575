// Which catalogue namespaces the browser needs, read from the source (the check behind
// client-namespaces.test.ts). Every route file (page, layout, error, …) is followed through its
// imports; from a "use client" module on, everything it imports runs in the browser too. In those
// modules `useTranslations("ns.…")` needs `ns`; `useTranslations()` without a literal namespace,
// `useMessages()` and `useFormatMsg()` (a data-layer message names any namespace) need all of them;
// `useLocale()`, `useFormatter()`, `useNow()`, `useTimeZone()` need a provider (PROVIDER) above them.
// A "use server" module is an action: it runs on the server, its imports are not followed.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ALL = "all" as const;
/** Not a namespace: "a next-intl client provider must be above this", whatever its messages. */
export const PROVIDER = "(provider)";
export type Needs = Set<string> | typeof ALL;

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function directive(sf: ts.SourceFile): string | null {
  const first = sf.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
}

function parse(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The namespaces one module's code asks the client provider for (`ALL` when it cannot say). */
export function namespacesUsed(file: string, source: string, sf: ts.SourceFile = parse(file, source)): Needs {
  const found = new Set<string>();
  let all = false;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const arg = node.arguments[0];
      if (name === "useTranslations") {
        if (arg && ts.isStringLiteralLike(arg)) found.add(arg.text.split(".")[0]);
        else all = true;
      } else if (name === "useMessages" || name === "useFormatMsg") all = true;
      else if (name === "useLocale" || name === "useFormatter" || name === "useNow" || name === "useTimeZone") found.add(PROVIDER);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // a renamed hook (`import { useTranslations as t }`) would hide its namespace from the scan above
  if (/\b(useTranslations|useMessages|useFormatMsg|useLocale|useFormatter|useNow|useTimeZone)\s+as\b/.test(source)) all = true;
  return all ? ALL : found;
}

export function union(a: Needs, b: Needs): Needs {
  return a === ALL || b === ALL ? ALL : new Set([...a, ...b]);
}

type Module = { file: string; directive: string | null; imports: string[]; needs: Needs };

/** Reads modules under `root` (the repository) and follows their imports (relative and "@/"). */
export class ModuleGraph {
  private cache = new Map<string, Module>();
  constructor(private root: string) {}

  private resolve(from: string, spec: string): string | null {
    const base = spec.startsWith("@/") ? path.join(this.root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
    if (!base) return null; // a package
    for (const ext of EXTENSIONS) {
      const f = base + ext;
      if (/\.tsx?$/.test(f) && fs.existsSync(f) && fs.statSync(f).isFile()) return f;
    }
    return null; // JSON, CSS
  }

  module(file: string): Module {
    let m = this.cache.get(file);
    if (!m) {
      const source = fs.readFileSync(file, "utf8");
      const sf = parse(file, source);
      const specs = ts.preProcessFile(source, true, true).importedFiles.map((i) => i.fileName);
      const imports = specs.map((s) => this.resolve(file, s)).filter((f): f is string => f !== null);
      m = { file, directive: directive(sf), imports, needs: namespacesUsed(file, source, sf) }; // parsed once for both
      this.cache.set(file, m);
    }
    return m;
  }

  /** Every module that runs in the browser when `file` (a route's page, layout, error …) is rendered. */
  clientModules(file: string): Set<string> {
    const client = new Set<string>();
    const seenServer = new Set<string>();
    const walkClient = (f: string) => {
      const m = this.module(f);
      if (client.has(f) || m.directive === "use server") return;
      client.add(f);
      for (const i of m.imports) walkClient(i);
    };
    const walkServer = (f: string) => {
      if (seenServer.has(f)) return;
      seenServer.add(f);
      const m = this.module(f);
      if (m.directive === "use client") return walkClient(f);
      if (m.directive === "use server") return;
      for (const i of m.imports) walkServer(i);
    };
    walkServer(file);
    return client;
  }

  /** The namespaces the browser needs for `file`, with the client module that needs each. */
  needs(file: string): { needs: Needs; by: Map<string, string> } {
    let needs: Needs = new Set();
    const by = new Map<string, string>();
    for (const f of this.clientModules(file)) {
      const n = this.module(f).needs;
      needs = union(needs, n);
      for (const ns of n === ALL ? [ALL] : n) if (!by.has(ns)) by.set(ns, path.relative(this.root, f));
    }
    return { needs, by };
  }
}
