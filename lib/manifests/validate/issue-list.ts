import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";

// A rule's message is a catalogue message (`{ key, values }`, keys under `manifests.` in
// messages/<locale>/manifests.json): rules cannot add English-only text. `message` is always the
// English text (the API, the CLI, logs); `msg` lets the app show it in the reader's language.
export type IssuePath = (string | number)[];
export type Text = Msg;
export interface RuleIssue {
  path: IssuePath;
  message: string;
  msg: Msg;
}

/** A field's name as rules name it (`manifests.fields.<key>`). */
export const field = (key: string): Msg => ({ key: `manifests.fields.${key}` });
/** A rule message (`manifests.rules.<key>`). */
export const rule = (key: string, values?: Msg["values"]): Msg => (values ? { key: `manifests.rules.${key}`, values } : { key: `manifests.rules.${key}` });

/** "<field> <problem>" as one message. */
export function withField(prefix: Msg, problem: Msg): Msg {
  return { key: "manifests.withField", values: { field: prefix, problem } };
}

export function issueOf(path: IssuePath, message: Msg): RuleIssue {
  return { path, message: english(message), msg: message };
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
      if (seen.has(key)) this.add(pathOf(i), rule("usedTwice", { what, key }));
      seen.add(key);
    });
  }
}
