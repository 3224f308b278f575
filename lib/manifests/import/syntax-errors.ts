import { english } from "@/lib/i18n/english";
import { importMsg } from "./import-context";
import type { ImportError } from "./parse-documents";

/**
 * The YAML parser's errors in plain words: a sentence about the line to fix
 * first, the parser's own wording after it in parentheses. The position is the
 * line the user has to change, which is not always where the parser noticed.
 */
export function describeSyntaxError(text: string, code: string, parserMessage: string, line: number, column: number): ImportError & { line: number } {
  // The parser's own wording stays English (a value of the message).
  const at = (l: number, c: number, key: string, values?: Record<string, string>) => {
    const m = importMsg("syntax.at", { line: l, sentence: importMsg(`syntax.${key}`, values), parser: parserMessage });
    return { message: english(m), msg: m, line: l, column: c };
  };
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const deeper = nextDeeperLine(text, line);
      if (deeper)
        return at(deeper.line, deeper.column, "indentedUnderValue");
      if (code === "BLOCK_AS_IMPLICIT_KEY") return at(line, column, "colonInValue");
      return at(line, column, "notKeyValue");
    }
    case "TAB_AS_INDENT":
      return at(line, column, "tab");
    case "DUPLICATE_KEY":
      return at(line, column, "duplicateKey");
    case "MISSING_CHAR":
      return at(line, column, "unclosed");
    case "BAD_INDENT":
      if (/^Flow (sequence|map)/.test(parserMessage)) return at(line, column, "flowUnclosed", { bracket: parserMessage.startsWith("Flow map") ? "{" : "[" });
      return at(line, column, "badIndent");
    case "UNEXPECTED_TOKEN":
      return at(line, column, "unexpected");
    default:
      return at(line, column, "other");
  }
}

/** The first non-blank line after `line` that is indented more than `line`, if it comes next. */
function nextDeeperLine(text: string, line: number): { line: number; column: number } | undefined {
  const lines = text.split("\n", line + 50);
  const indent = (s: string) => s.length - s.trimStart().length;
  const base = lines[line - 1];
  if (base === undefined) return undefined;
  for (let i = line; i < lines.length; i++) {
    if (lines[i].trim() === "" || lines[i].trimStart().startsWith("#")) continue;
    return indent(lines[i]) > indent(base) ? { line: i + 1, column: indent(lines[i]) + 1 } : undefined;
  }
  return undefined;
}
