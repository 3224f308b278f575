import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findHardcodedText } from "./hardcoded-strings";

const root = path.resolve(__dirname, "../..");

function tsxFiles(rel: string): string[] {
  const abs = path.join(root, rel);
  if (statSync(abs).isFile()) return rel.endsWith(".tsx") ? [rel] : [];
  return readdirSync(abs).flatMap((name) => tsxFiles(path.join(rel, name)));
}

// The whole console (every component under app/) reads its text from the catalogues.
const CHECKED = ["app"];

describe("no hard-coded user-facing text in components", () => {
  it("every component under app/ reads its text from the message catalogues", () => {
    expect(tsxFiles("app").length).toBeGreaterThan(90); // the walk finds the console, not an empty folder
    const findings = CHECKED.flatMap(tsxFiles).flatMap((f) => findHardcodedText(f, readFileSync(path.join(root, f), "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  }, 60_000); // parses every component: 5–7 s on a loaded machine, over vitest's 5 s default

  it("finds a hard-coded sentence in JSX text, an attribute or an expression", () => {
    const src = `export function A({ n }: { n: number }) {
      return (
        <div title="Open the cluster page">
          <p>Deploy this template now</p>
          <input placeholder="Type a name here" />
          {n > 1 ? "Several pods are ready" : null}
          <span>{\`Fix \${n} fields first\`}</span>
          <button>Save</button>
        </div>
      );
    }`;
    expect(findHardcodedText("a.tsx", src).map((f) => f.text)).toEqual([
      "Open the cluster page",
      "Deploy this template now",
      "Type a name here",
      "Several pods are ready",
      "Fix   fields first",
      "Save",
    ]);
  });

  it("lets translated text, class names, identifiers and exempted lines through", () => {
    const src = `export function B({ t }: { t: (k: string) => string }) {
      return (
        <div className="flex items-center gap-2 text-slate-600" data-testid="save-panel">
          <p>{t("wizard.save")}</p>
          <span>StatefulSet · YAML · CPU</span>
          <code>{"nginx:1.27"}</code>
          {/* i18n-exempt: a product name */}
          <span>Acme Cloud Console</span>
        </div>
      );
    }`;
    expect(findHardcodedText("b.tsx", src)).toEqual([]);
  });
});
