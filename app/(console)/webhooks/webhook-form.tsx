"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton, failedFields } from "@/app/_components/form";
import { WEBHOOK_EVENTS, type EventKey } from "@/lib/approvals/webhook-events";
import { createWebhookAction, deleteWebhookAction } from "./actions";

export function WebhookForm() {
  const t = useTranslations("webhooks");
  const [state, action] = useActionState(createWebhookAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-3" noValidate aria-label={t("add")}>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-80 flex-1">
          <label htmlFor="f-url" className="label">{t("url")}</label>
          <input id="f-url" name="url" className="input" defaultValue={values?.url} placeholder={t("urlExample")} maxLength={2048} aria-invalid={errors?.url ? true : undefined} aria-describedby={errors?.url ? "f-url-error" : undefined} />
          <FieldError id="f-url-error" message={errors?.url?.[0]} />
        </div>
        <div>
          <label htmlFor="f-format" className="label">{t("body")}</label>
          <select id="f-format" name="format" className="input" defaultValue={values?.format ?? "json"}>
            <option value="json">{t("json")}</option>
            <option value="slack">{t("slack")}</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend className="label">{t("events")}</legend>
        <div className="flex flex-wrap gap-3">
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="text-sm"><input type="checkbox" name="events" value={e} defaultChecked /> {t(`event.${e.replace(".", "_") as EventKey}`)}</label>
          ))}
        </div>
        <FieldError id="f-events-error" message={errors?.events?.[0]} />
      </fieldset>
      <SubmitButton>{t("addButton")}</SubmitButton>
      {state?.ok ? (
        <div role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="webhook-secret">
          {t("secret")} <code className="break-all">{state.data.secret}</code>
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </form>
  );
}

export function DeleteWebhookForm({ id }: { id: string }) {
  const t = useTranslations("webhooks");
  const [state, action] = useActionState(deleteWebhookAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton className="btn-danger">{t("delete")}</SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
