"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { bind, useFieldError, useWizardForm } from "./form-hooks";
import { fieldId } from "./types";

// Labelled inputs bound to a form path: the label points at the input (htmlFor/id), the error
// sits under it with role=alert, and the input names it in aria-describedby.
const unsetWhenEmpty = (v: string) => (v === "" ? undefined : v);

type Common = { path: string; label: string; hint?: ReactNode; className?: string; after?: ReactNode };

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
  const form = useWizardForm();
  const error = useFieldError(props.path);
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
        {...bind(form, props.path, props.optional ? { parse: unsetWhenEmpty } : {})}
      />
    </Shell>
  );
}

/** Numbers; an optional one is unset when empty. A port may also be a name (`portOrName`). */
export function NumberField(props: Common & { optional?: boolean; min?: number; max?: number; portOrName?: boolean; readOnly?: boolean }) {
  const form = useWizardForm();
  const error = useFieldError(props.path);
  const parse = (v: string) => {
    const s = v.trim();
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
        {...bind(form, props.path, { parse })}
      />
    </Shell>
  );
}

export function SelectField(props: Common & { options: readonly (string | { value: string; label: string })[]; optional?: boolean; onValue?: (v: string) => void }) {
  const t = useTranslations("wizard.kv");
  const form = useWizardForm();
  const error = useFieldError(props.path);
  const reg = bind(form, props.path, props.optional ? { parse: unsetWhenEmpty } : {});
  return (
    <Shell {...props}>
      <select
        id={fieldId(props.path)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, error, props.hint)}
        className="input"
        {...reg}
        onChange={(e) => {
          reg.onChange(e);
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
