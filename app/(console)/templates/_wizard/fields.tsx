"use client";
import { get, useFormContext, useFormState, type RegisterOptions } from "react-hook-form";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { flattenErrors } from "./clean";
import { fieldId, type WizardValues } from "./types";

// Labelled inputs bound to a form path: the label points at the input (htmlFor/id), the error
// sits under it with role=alert, and the input names it in aria-describedby.
type Common = { path: string; label: string; hint?: ReactNode; className?: string; after?: ReactNode };

export function useFieldError(path: string): string | undefined {
  const { errors } = useFormState<WizardValues>();
  const e = get(errors, path) as { message?: string } | undefined;
  if (!e) return undefined;
  if (e.message) return e.message;
  return flattenErrors(e)[0]?.message;
}

export function FieldMessage({ path, hint }: { path: string; hint?: ReactNode }) {
  const error = useFieldError(path);
  const id = fieldId(path);
  if (error)
    return (
      <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
        {error}
      </p>
    );
  return hint ? (
    <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

function describedBy(path: string, error: string | undefined, hint: ReactNode) {
  const id = fieldId(path);
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

function Shell({ path, label, hint, className, after, children }: Common & { children: ReactNode }) {
  return (
    <div className={className}>
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={fieldId(path)} className="label">
          {label}
        </label>
        {after}
      </div>
      {children}
      <FieldMessage path={path} hint={hint} />
    </div>
  );
}

export function TextField(props: Common & { placeholder?: string; optional?: boolean; type?: string; list?: string; mono?: boolean }) {
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError(props.path);
  const options: RegisterOptions = props.optional ? { setValueAs: (v: string) => (v === "" ? undefined : v) } : {};
  return (
    <Shell {...props}>
      <input
        id={fieldId(props.path)}
        type={props.type ?? "text"}
        list={props.list}
        placeholder={props.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, error, props.hint)}
        className={`input ${props.mono ? "font-mono" : ""}`}
        {...register(props.path as never, options as never)}
      />
    </Shell>
  );
}

/** Numbers; an optional one is unset when empty. A port may also be a name (`portOrName`). */
export function NumberField(props: Common & { optional?: boolean; min?: number; max?: number; portOrName?: boolean; readOnly?: boolean }) {
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError(props.path);
  const setValueAs = (v: unknown) => {
    if (typeof v === "number") return v;
    const s = String(v ?? "").trim();
    if (s === "") return props.optional ? undefined : Number.NaN;
    if (/^-?\d+$/.test(s)) return Number(s);
    return props.portOrName ? s : Number.NaN;
  };
  return (
    <Shell {...props}>
      <input
        id={fieldId(props.path)}
        type="text"
        inputMode={props.portOrName ? "text" : "numeric"}
        readOnly={props.readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, error, props.hint)}
        className={`input ${props.readOnly ? "bg-slate-100 text-slate-600" : ""}`}
        {...register(props.path as never, { setValueAs })}
      />
    </Shell>
  );
}

export function SelectField(props: Common & { options: readonly (string | { value: string; label: string })[]; optional?: boolean; onValue?: (v: string) => void }) {
  const t = useTranslations("wizard.kv");
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError(props.path);
  const reg = register(props.path as never, props.optional ? { setValueAs: (v: string) => (v === "" ? undefined : v) } : {});
  return (
    <Shell {...props}>
      <select
        id={fieldId(props.path)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, error, props.hint)}
        className="input"
        {...reg}
        onChange={(e) => {
          void reg.onChange(e);
          props.onValue?.(e.target.value);
        }}
      >
        {props.optional ? <option value="">{t("notSet")}</option> : null}
        {props.options.map((o) => {
          const { value, label } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={value} value={value}>
              {label}
            </option>
          );
        })}
      </select>
    </Shell>
  );
}

export function CheckField({ path, label, hint }: { path: string; label: string; hint?: ReactNode }) {
  const { register } = useFormContext<WizardValues>();
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" id={fieldId(path)} className="h-4 w-4" {...register(path as never)} /> {label}
      </label>
      <FieldMessage path={path} hint={hint} />
    </div>
  );
}

/** A section that exists only when switched on (probes, Service, Ingress, scaling …). */
export function Toggle({ id, label, checked, onChange, children }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void; children?: ReactNode }) {
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1">
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input id={id} type="checkbox" className="h-4 w-4" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
        </label>
      </legend>
      {checked ? <div className="mt-2 space-y-3">{children}</div> : null}
    </fieldset>
  );
}

export function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="card space-y-3 p-4" aria-label={title}>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const t = useTranslations("wizard.kv");
  return (
    <button type="button" className="btn-danger px-2 py-1 text-xs" aria-label={label} title={label} onClick={onClick}>
      {t("remove")}
    </button>
  );
}

export function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onClick}>
      + {children}
    </button>
  );
}

/** A repeating row: its fields wrap at any width; ROW_END holds the row's remove button. */
export const ROW = "flex flex-wrap items-start gap-2 *:min-w-28 *:flex-1";
export const ROW_END = "flex-none! min-w-0! pt-6";
