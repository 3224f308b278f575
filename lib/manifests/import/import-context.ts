export interface ImportWarning {
  message: string;
  /** Spec path of the field concerned, when there is one. */
  path?: string;
}

/** Collects warnings while objects are turned into a spec. */
export class ImportContext {
  readonly warnings: ImportWarning[] = [];

  warn(message: string, path?: string): void {
    this.warnings.push(path === undefined ? { message } : { message, path });
  }

  /** Warns about fields of a list item the model cannot keep. */
  dropped(rest: Record<string, unknown>, what: string, path: string): void {
    const keys = Object.keys(rest);
    if (keys.length) this.warn(`${what}: field${keys.length > 1 ? "s" : ""} ${keys.join(", ")} cannot be kept and were dropped`, path);
  }
}
