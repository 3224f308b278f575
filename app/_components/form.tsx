"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";

// Form pieces shared by every page: a labelled field whose errors sit right under it (and are
// announced), a submit button that shows progress, and the form-level message.
type FieldErrors = Record<string, string[] | undefined> | undefined;

export function Field(props: {
  name: string;
  label: string;
  errors?: FieldErrors;
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  placeholder?: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name]?.[0];
  return (
    <div>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
        className="input"
      />
      {props.hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

export function SubmitButton({ children, className, pendingText }: { children: ReactNode; className?: string; pendingText?: string }) {
  const { pending } = useFormStatus();
  const t = useTranslations("common");
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={className ?? "btn-primary"}>
      {pending ? (pendingText ?? t("working")) : children}
    </button>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return (
    <div role={state.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
      {state.message}
    </div>
  );
}

type FailedResult = { ok: false; fieldErrors: Record<string, string[]>; values?: Record<string, string> };

/** The field errors and typed-in values of a failed action result, for Field's errors/defaultValue. */
export function failedFields(state: { ok: true } | FailedResult | null) {
  return state && !state.ok ? { errors: state.fieldErrors, values: state.values } : { errors: undefined, values: undefined };
}
