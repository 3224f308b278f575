// Finds user-facing text written as literals in TSX (the check behind hardcoded-strings.test.ts):
// JSX text, user-facing attributes (title, placeholder, aria-label, label …) and sentence-like
// string literals inside JSX expressions. Identifiers users know in English (Kubernetes kinds,
// YAML, brand) are allowed. A line may opt out with a comment `i18n-exempt: <why>`.
import ts from "typescript";

const ALLOWED_WORDS = new Set([
  "Berth", "YAML", "JSON", "CSV", "StatefulSet", "StatefulSets", "Pod", "Pods", "PVC", "PVCs", "Ingress", "Service",
  "ConfigMap", "Secret", "CPU", "HTTP", "HTTPS", "TCP", "UDP", "SCTP", "URL", "ID", "IP", "DNS", "TLS", "QoS", "HPA", "CronHPA",
  "OK", "kubectl", "kubeconfig", "Kubernetes", "ClusterIP", "LoadBalancer", "NodePort", "Local", "Cluster", "Always", "IfNotPresent", "Never",
  "stdin", "tty", "English",
]);

/** Attributes whose string value a user reads. */
const TEXT_ATTRIBUTES = new Set(["title", "placeholder", "aria-label", "alt", "label", "description", "hint", "message", "confirm", "emptyText", "heading"]);

export type Finding = { file: string; line: number; text: string };

function words(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z'’]+/g) ?? [];
}

/** Text a user reads as words: at least one word that is not an allowed identifier. */
export function isUserText(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  // a Tailwind class list, a path, a key, an identifier: no spaces or only lowercase-with-dashes tokens
  if (/^[a-z0-9:_\-[\]/.%!#()&>*=]+(\s+[a-z0-9:_\-[\]/.%!#()&>*=]+)*$/.test(t) && /-/.test(t)) return false;
  return words(t).some((w) => !ALLOWED_WORDS.has(w) && w.length > 1);
}

/** In code (not JSX text) only what reads as a phrase: two words apart by spaces, or a capitalised word. */
function sentenceLike(text: string): boolean {
  const t = text.trim();
  if (!isUserText(t)) return false;
  const spaced = /[A-Za-z]{2,}[,.:;!?…]?\s+[A-Za-z]{2,}/.test(t);
  const capitalised = words(t).some((w) => /^[A-Z][a-z]{2,}$/.test(w) && !ALLOWED_WORDS.has(w));
  return spaced || capitalised;
}

/** Attributes whose value is code, not text (paths, ids, options' values …): skipped. */
function attributeOf(node: ts.Node): string | null {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isJsxAttribute(p)) return p.name.getText();
    if (ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p) || ts.isFunctionLike(p) || ts.isSourceFile(p)) return null;
  }
  return null;
}

export function findHardcodedText(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split("\n");
  const out: Finding[] = [];
  const exempt = (line: number) => /i18n-exempt/.test(lines[line] ?? "") || /i18n-exempt/.test(lines[line - 1] ?? "");
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    if (!exempt(line)) out.push({ file, line: line + 1, text: text.trim().slice(0, 80) });
  };
  const insideJsx = (node: ts.Node): boolean => {
    for (let p = node.parent; p; p = p.parent) {
      if (ts.isJsxExpression(p) || ts.isJsxAttribute(p)) return true;
      if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return false;
    }
    return false;
  };
  const ignoredContext = (node: ts.Node): boolean => {
    const attribute = attributeOf(node);
    if (attribute !== null && !TEXT_ATTRIBUTES.has(attribute)) return true;
    // values handed to a translate call (or another allowed call) through objects, arrays, ?:, ||
    let p = node.parent;
    let child: ts.Node = node;
    while (p && (ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p) || ts.isConditionalExpression(p) || ts.isParenthesizedExpression(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken))) {
      if (ts.isPropertyAssignment(p) && p.name === child) return true;
      child = p;
      p = p.parent;
    }
    if (!p) return true;
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isExpressionStatement(p)) return true;
    if (ts.isPropertyAssignment(p) && p.name === node) return true;
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return true;
    if (ts.isCaseClause(p) || ts.isElementAccessExpression(p)) return true;
    if (ts.isCallExpression(p)) {
      const callee = p.expression.getText(sf);
      if (/(^|\.)(t|tr|rich|markup|has|msg|useTranslations|getTranslations|register|watch|setValue|getValues|get|set|includes|startsWith|endsWith|split|join|replace|test|match|push|querySelector|getElementById|addEventListener|cn|clsx)$/.test(callee)) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (isUserText(node.text)) report(node, node.text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      if (init && ts.isStringLiteral(init) && TEXT_ATTRIBUTES.has(name) && sentenceLike(init.text)) report(init, init.text);
      if (name === "className" || name === "href" || name === "id" || name.startsWith("data-") || name === "key" || name === "type" || name === "name" || name === "htmlFor") return;
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !ts.isJsxAttribute(node.parent)) {
      if (insideJsx(node) && !ignoredContext(node) && sentenceLike(node.text)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
      if (insideJsx(node) && !ignoredContext(node) && sentenceLike(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
