import { english } from "@/lib/i18n/english";
import { isMsg, type Msg } from "@/lib/i18n/message";

// A rule's message is a catalogue message (`{ key, values }`, keys under `manifests.` in
// messages/<locale>.json) or, for rules not converted yet, English text. `message` is always the
// English text (the API, the CLI, logs); `msg` lets the app show it in the reader's language.
export type IssuePath = (string | number)[];
export type Text = string | Msg;
export interface RuleIssue {
  path: IssuePath;
  message: string;
  msg?: Msg;
}

/** A field's name as rules name it (`manifests.fields.<key>`). */
export const field = (key: string): Msg => ({ key: `manifests.fields.${key}` });
/** A rule message (`manifests.rules.<key>`). */
export const rule = (key: string, values?: Msg["values"]): Msg => (values ? { key: `manifests.rules.${key}`, values } : { key: `manifests.rules.${key}` });

/** "<field> <problem>" as one message, when both are catalogue messages. */
export function withField(prefix: Text, problem: Text): Text {
  if (isMsg(prefix) && isMsg(problem)) return { key: "manifests.withField", values: { field: prefix, problem } };
  return `${english(prefix)} ${english(problem)}`;
}

export function issueOf(path: IssuePath, message: Text): RuleIssue {
  return isMsg(message) ? { path, message: english(message), msg: message } : { path, message };
}

/** Collects rule violations; `check` takes a checker's result (a message or null). */
export class IssueList {
  readonly issues: RuleIssue[] = [];

  add(path: IssuePath, message: Text): void {
    this.issues.push(issueOf(path, message));
  }

  check(path: IssuePath, message: Text | null, prefix?: Text): void {
    if (message !== null) this.add(path, prefix ? withField(prefix, message) : message);
  }

  /** Reports every entry after the first that repeats a key, at that entry's path. */
  unique<T>(items: readonly T[], keyOf: (item: T) => string | undefined, pathOf: (index: number) => IssuePath, what: Text): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (key === undefined) return;
      if (seen.has(key)) this.add(pathOf(i), isMsg(what) ? rule("usedTwice", { what, key }) : `${what} "${key}" is used more than once`);
      seen.add(key);
    });
  }
}
