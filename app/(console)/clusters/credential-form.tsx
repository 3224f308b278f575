"use client";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { failedFields, Field, FieldError, FormMessage } from "@/app/_components/form";
import { setCredentialAction } from "./actions";
import { ConnectionReportView } from "./connection-report";

// Attach or replace my kubeconfig: paste it or upload a file (read in the browser into the
// text area); when the file has several contexts, the server answers with them to pick from.
// Submitted by hand (not as a form action) so a refused kubeconfig stays in the text area to be
// fixed or to pick a context; it is cleared once stored.
export function CredentialForm({ clusterId, replacing }: { clusterId: string; replacing: boolean }) {
  const t = useTranslations("clusters");
  const [state, action, pending] = useActionState(setCredentialAction, null);
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state?.ok && text.current) text.current.value = "";
  }, [state]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  const { errors } = failedFields(state);
  const contexts = errors?.contexts ?? [];
  const id = `kubeconfig-${clusterId}`;
  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file && text.current) text.current.value = await file.text();
  };
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <input type="hidden" name="clusterId" value={clusterId} />
        <div>
          <label htmlFor={id} className="label">
            {t("credentialForm.kubeconfig")}
          </label>
          <textarea
            id={id}
            ref={text}
            name="kubeconfig"
            rows={8}
            spellCheck={false}
            autoComplete="off"
            className="input font-mono text-xs"
            // i18n-exempt: a kubeconfig's first YAML lines
            placeholder="apiVersion: v1&#10;kind: Config&#10;clusters: …"
            aria-invalid={errors?.kubeconfig ? true : undefined}
            aria-describedby={errors?.kubeconfig ? `${id}-error` : `${id}-hint`}
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("credentialForm.hint")}
          </p>
          {errors?.kubeconfig?.map((m, i) => <FieldError key={m} id={i === 0 ? `${id}-error` : `${id}-error-${i}`} message={m} />)}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={`${id}-file`} className="label">
              {t("credentialForm.upload")}
            </label>
            <input id={`${id}-file`} type="file" accept=".yaml,.yml,.json,.conf,.config,text/*" onChange={onFile} className="text-sm" />
          </div>
          {contexts.length > 0 ? (
            <div>
              <label htmlFor={`${id}-context`} className="label">
                {t("credentialForm.context")}
              </label>
              <select id={`${id}-context`} name="context" className="input" aria-invalid={errors?.context ? true : undefined}>
                {contexts.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-context-error`} message={errors?.context?.[0]} />
            </div>
          ) : (
            <input type="hidden" name="context" value="" />
          )}
          <div className="w-56">
            <Field name="namespace" label={t("credentialForm.namespace")} errors={errors} hint={t("credentialForm.namespaceHint")} />
          </div>
          <button type="submit" className="btn-primary" disabled={pending} aria-busy={pending}>
            {pending ? t("credentialForm.testing") : replacing ? t("card.replace") : t("card.attach")}
          </button>
        </div>
      </form>
      {state?.ok ? <ConnectionReportView report={state.data.report} warnings={state.data.warningMsgs} /> : <FormMessage state={state} />}
    </div>
  );
}
