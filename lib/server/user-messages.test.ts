import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { createTranslator } from "use-intl/core";
import { z } from "zod";
import { beforeEach, describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";

// The data layer's messages reach users in their language (issue 18): an error thrown from
// lib/server carries a catalogue message ({ key, values }), and its English text is the
// catalogue's English (logs, API, CLI). These tests fail when someone throws an English-only
// sentence again, names a key the catalogue lacks, or when a converted error stops showing in the
// reader's language through a server action.

// Parsing every file of lib/server and importing the action path take seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const ROOT = path.join(__dirname, "../..");
const ERROR_FACTORIES = new Set(["invalid", "forbidden", "conflict", "notFound", "rateLimited"]);

/**
 * Literal English left on purpose, by file and text, with why. Keep it short: a sentence a person
 * reads belongs in the catalogue.
 */
const ALLOWED: Array<{ file: string; text: string; why: string }> = [];

type Finding = { file: string; line: number; text: string };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** A string literal, a template literal or a concatenation or choice of them: English written in place. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText();
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return literalText(node.left) ?? literalText(node.right);
  if (ts.isConditionalExpression(node)) return literalText(node.whenTrue) ?? literalText(node.whenFalse);
  return null;
}

/** English literals among a call's field errors ({ field: ["…"] }). */
function fieldLiterals(node: ts.Node, found: (n: ts.Node, text: string) => void): void {
  if (ts.isArrayLiteralExpression(node)) {
    for (const el of node.elements) {
      const text = literalText(el);
      if (text !== null) found(el, text);
    }
    return;
  }
  ts.forEachChild(node, (child) => fieldLiterals(child, found));
}

function englishThrows(file: string): Finding[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const found = (n: ts.Node, literal: string) => findings.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: literal });
  const visit = (node: ts.Node) => {
    const factory = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ERROR_FACTORIES.has(node.expression.text);
    const appError = ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "AppError";
    if ((factory || appError) && (node as ts.CallExpression | ts.NewExpression).arguments?.length) {
      const [message, fields] = (node as ts.CallExpression).arguments;
      const literal = literalText(message);
      if (literal !== null) found(message, literal);
      if (fields && !appError) fieldLiterals(fields, found);
      if (appError && (node as ts.NewExpression).arguments![2]) fieldLiterals((node as ts.NewExpression).arguments![2], found);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

const SCANNED = [...sourceFiles("lib/server"), ...sourceFiles("lib/auth")];

describe("the data layer's user-facing messages", () => {
  it("are catalogue messages: no error is thrown with an English sentence written in place", () => {
    const left = SCANNED.flatMap(englishThrows).filter((f) => !ALLOWED.some((a) => a.file === f.file && f.text.includes(a.text)));
    expect(left.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it("the scan finds a literal message, a template literal and a literal field error", () => {
    const probe = path.join("lib/server", "__probe__.ts");
    const source = ts.createSourceFile(probe, 'throw invalid("Nope.", { a: [`x ${y}`] }); throw new AppError("Down.", "unavailable");', ts.ScriptTarget.Latest, true);
    const texts: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const [m, f] = node.arguments ?? [];
        const literal = m && literalText(m);
        if (literal) texts.push(literal);
        if (f && ts.isCallExpression(node)) fieldLiterals(f, (_n, t) => texts.push(t));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(texts).toEqual(["Nope.", "`x ${y}`", "Down."]);
  });

  it("name only keys the English catalogue has (a missing key would show as its name)", () => {
    const flat = new Set<string>();
    const walk = (tree: object, prefix: string) => {
      for (const [k, v] of Object.entries(tree)) typeof v === "string" ? flat.add(`${prefix}${k}`) : walk(v, `${prefix}${k}.`);
    };
    walk(en, "");
    const missing: string[] = [];
    for (const file of SCANNED) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(/\bmsg\(\s*"([A-Za-z0-9_.]+)"|\{ key: "([A-Za-z0-9_.]+)"/g)) {
        const key = m[1] ?? m[2];
        if (!flat.has(key)) missing.push(`${file}: ${key}`);
      }
      // keys built from a state name (`…state.${status}`): their prefix must exist
      for (const m of text.matchAll(/\bmsg\(\s*`([A-Za-z0-9_.]+)\.\$\{/g)) {
        if (![...flat].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${file}: ${m[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });
});

// The action path: next-intl's translator for the request's language, as i18n/request.ts gives it.
let locale: "en" | "zh-CN" = "zh-CN";
vi.mock("next-intl/server", () => ({
  getTranslations: async () => createTranslator({ locale, messages: locale === "en" ? en : zh, timeZone: "UTC" }),
}));

describe("a converted data-layer error", () => {
  beforeEach(() => {
    locale = "zh-CN";
  });

  it("shows in Chinese through runAction, with its field error, and stays English in AppError.message (logs, API)", async () => {
    const { runAction } = await import("./action");
    const { requireAppPodName } = await import("./applications-input");
    const key = { clusterId: "c1", namespace: "shop", appName: "web" };
    const state = await runAction(z.object({}), {}, async () => requireAppPodName(key, "db-0"));
    expect(state).toMatchObject({ ok: false, message: "这不是此应用的 Pod。", fieldErrors: { pod: ["不是此应用的 Pod。"] } });
    let thrown: unknown;
    try {
      requireAppPodName(key, "db-0");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ message: "That is not one of this app's pods.", fieldErrors: { pod: ["Not one of this app's pods."] } });
  });

  it("formats its values in the reader's language too (a nested message, a number)", async () => {
    const { runAction } = await import("./action");
    const { notFound, rateLimited } = await import("./errors");
    const { msg } = await import("@/lib/i18n/message");
    const missing = await runAction(z.object({}), {}, async () => {
      throw notFound(msg("serverErrors.what.pod", { name: "web-3" }));
    });
    expect(missing).toMatchObject({ ok: false, message: "Pod web-3不存在，或您无权查看。" });
    locale = "en";
    const limited = await runAction(z.object({}), {}, async () => {
      throw rateLimited(msg("serverErrors.auth.signInRateLimited", { minutes: 1 }));
    });
    expect(limited).toMatchObject({ ok: false, message: "Too many sign-in attempts. Try again in 1 minute." });
  });
});
