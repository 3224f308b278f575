export type IssuePath = (string | number)[];
export interface RuleIssue {
  path: IssuePath;
  message: string;
}

/** Collects rule violations; `check` takes a checker's result (a message or null). */
export class IssueList {
  readonly issues: RuleIssue[] = [];

  add(path: IssuePath, message: string): void {
    this.issues.push({ path, message });
  }

  check(path: IssuePath, message: string | null, prefix = ""): void {
    if (message !== null) this.add(path, prefix ? `${prefix} ${message}` : message);
  }

  /** Reports every entry after the first that repeats a key, at that entry's path. */
  unique<T>(items: readonly T[], keyOf: (item: T) => string | undefined, pathOf: (index: number) => IssuePath, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (key === undefined) return;
      if (seen.has(key)) this.add(pathOf(i), `${what} "${key}" is used more than once`);
      seen.add(key);
    });
  }
}
