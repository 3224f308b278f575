"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import { fieldText, type FieldElement, type FormStore, type Parse } from "@/lib/web/form-store";
import type { WizardValues } from "./types";

// The wizard's form (lib/web/form-store.ts) in React: the wizard provides one store, fields read
// the value, error or row keys they show with useSyncExternalStore (a component renders again
// only when its own snapshot changes).

export type WizardForm = FormStore<WizardValues>;

export const FormContext = createContext<WizardForm | null>(null);

/** The wizard's form from the context; `own`: the wizard's own (it provides the context, so it cannot read it). */
export function useWizardForm(own?: WizardForm): WizardForm {
  const context = useContext(FormContext);
  const form = own ?? context;
  if (!form) throw new Error("a wizard field outside the wizard's FormContext");
  return form;
}

function useStore<T>(read: (form: WizardForm) => T, form?: WizardForm): T {
  const f = useWizardForm(form);
  const snapshot = () => read(f);
  return useSyncExternalStore(f.subscribe, snapshot, snapshot);
}

/** The value at `path`, rendering again when it changes. */
export function useWatch<T>(path: string, form?: WizardForm): T {
  return useStore((f) => f.get<T>(path), form);
}

/** The error shown for the field at `path` (its own, else the first under it). */
export function useFieldError(path: string): string | undefined {
  return useStore((f) => f.errorAt(path));
}

export function useIsDirty(form: WizardForm): boolean {
  return useStore((f) => f.isDirty(), form);
}

/** The rows of the list at `path`: a stable key per row, and the list's changes. */
export function useFieldArray(path: string) {
  const form = useWizardForm();
  const keys = useStore((f) => f.keysOf(path), form);
  return {
    keys,
    append: (item: unknown) => form.append(path, item),
    remove: (index: number) => form.remove(path, index),
    update: (index: number, item: unknown) => form.update(path, index, item),
  };
}

/**
 * Props binding an uncontrolled input to `path`: its name (the YAML pane follows the focused
 * field by it), the first value for the server's HTML, the ref that attaches it and the change
 * handler. `member`: the value of one checkbox of a group (the path holds the checked values).
 */
export function bind(form: WizardForm, path: string, options: { parse?: Parse; checkbox?: boolean; member?: string } = {}) {
  const v = form.get(path);
  const first = options.member !== undefined ? { defaultChecked: Array.isArray(v) && v.includes(options.member) } : options.checkbox ? { defaultChecked: !!v } : { defaultValue: fieldText(v) };
  return {
    name: path,
    ...first,
    ref: (el: (FieldElement & Element) | null) => {
      if (!el) return;
      form.attach(path, el, options.parse);
      return () => form.detach(el);
    },
    onChange: (e: { target: FieldElement }) => form.changed(e.target),
  };
}

/** The value at `path` and its setter (a change is validated, like an input's). */
export function useController<T>(path: string) {
  const { setValue } = useWizardForm();
  return { value: useWatch<T>(path), onChange: (v: T) => setValue(path, v, { validate: true }) };
}
