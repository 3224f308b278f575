import type { ImportError } from "./parse-documents";

/**
 * The YAML parser's errors in plain words: a sentence about the line to fix
 * first, the parser's own wording after it in parentheses. The position is the
 * line the user has to change, which is not always where the parser noticed.
 */
export function describeSyntaxError(text: string, code: string, parserMessage: string, line: number, column: number): ImportError & { line: number } {
  const at = (l: number, c: number, sentence: string) => ({ message: `line ${l}: ${sentence} (YAML parser: ${parserMessage})`, line: l, column: c });
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const deeper = nextDeeperLine(text, line);
      if (deeper)
        return at(deeper.line, deeper.column, "this line is indented more than the one before it, but the line before has no `key:` to hold it (it already has a value); indent it like the line before, or leave only `key:` on the line before");
      if (code === "BLOCK_AS_IMPLICIT_KEY") return at(line, column, "a value here contains `: ` (a colon and a space), which starts a new `key: value`; put the value in quotes");
      return at(line, column, "this line is not a `key: value` pair; a key needs a colon and a space after it");
    }
    case "TAB_AS_INDENT":
      return at(line, column, "this line is indented with a tab; YAML indentation must use spaces");
    case "DUPLICATE_KEY":
      return at(line, column, "this key appears a second time in the same map; keep one of them");
    case "MISSING_CHAR":
      return at(line, column, "a quote or bracket opened before this point is not closed");
    case "BAD_INDENT":
      if (/^Flow (sequence|map)/.test(parserMessage)) return at(line, column, `a ${parserMessage.startsWith("Flow map") ? "{" : "["} opened before this point is not closed, or the lines inside it are not indented under its key`);
      return at(line, column, "this line does not line up with the lines around it; items of one map or list must start in the same column");
    case "UNEXPECTED_TOKEN":
      return at(line, column, "YAML did not expect this here; check the indentation and that list items start with `- `");
    default:
      return at(line, column, "the YAML cannot be read here");
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
