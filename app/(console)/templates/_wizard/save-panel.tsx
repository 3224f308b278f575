"use client";
import { useTranslations } from "next-intl";
import { PARAMETER_TYPES } from "@/lib/manifests/params/param-schema";
import { FieldMessage, NumberField, Section, SelectField, TextField } from "./fields";
import { CheckField, ROW, ROW_END, RemoveButton } from "./row-fields";
import { bind, useFieldArray, useWatch, useWizardForm } from "./form-hooks";
import { ListField } from "./list-field";
import type { Binding, WizardValues } from "./types";

/** The template around the app: name, who sees it, the version message, and typed parameters. */
export function SavePanel({ editing, canLock }: { editing: boolean; canLock: boolean }) {
  const t = useTranslations("wizard.save");
  const form = useWizardForm();
  return (
    <div className="space-y-4">
      <Section title={editing ? t("newVersion") : t("asTemplate")} description={t("help")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="meta.name" label={t("templateName")} />
          {editing ? null : <SelectField path="meta.visibility" label={t("visibility")} options={[{ value: "private", label: t("private") }, { value: "team", label: t("shared") }]} />}
          <TextField path="meta.labelsText" label={t("labels")} hint={t("labelsHint")} />
          <TextField path="meta.message" label={t("message")} placeholder={editing ? t("whatChanged") : t("firstVersion")} />
        </div>
        <div>
          <label htmlFor="f-meta-description" className="label">
            {t("description")}
          </label>
          <textarea id="f-meta-description" rows={2} className="input" {...bind(form, "meta.description")} />
          <FieldMessage path="meta.description" />
        </div>
      </Section>
      <ParameterRows canLock={canLock} />
    </div>
  );
}

function ParameterRows({ canLock }: { canLock: boolean }) {
  const t = useTranslations("wizard.save");
  const { get, setValue } = useWizardForm();
  const params = useFieldArray("parameters");
  const values = useWatch<WizardValues["parameters"] | undefined>("parameters") ?? [];
  const bindings = useWatch<Binding[] | undefined>("bindings") ?? [];
  const remove = (i: number) => {
    const name = get<string>(`parameters.${i}.name`);
    setValue("bindings", get<Binding[]>("bindings").filter((b) => b.parameter !== name));
    params.remove(i);
  };
  return (
    <Section
      title={t("parameters")}
      description={t("parametersHelp", { ref: "{{ params.name }}" })}
    >
      {params.keys.length === 0 ? <p className="text-sm text-slate-500">{t("noParameters")}</p> : null}
      {params.keys.map((key, i) => {
        const p = `parameters.${i}`;
        const type = values[i]?.type;
        const used = bindings.filter((b) => b.parameter === values[i]?.name).map((b) => b.path);
        return (
          <fieldset key={key} className="space-y-2 rounded-md bg-slate-50 p-3" aria-label={t("parameter", { n: i + 1 })}>
            <div className={ROW}>
              <TextField path={`${p}.name`} label={t("paramName")} mono />
              <SelectField path={`${p}.type`} label={t("type")} options={PARAMETER_TYPES} />
              <TextField path={`${p}.default`} label={t("default")} mono />
              <div className={ROW_END}>
                <RemoveButton label={t("removeParam", { n: i + 1 })} onClick={() => remove(i)} />
              </div>
            </div>
            <TextField path={`${p}.description`} label={t("description")} optional />
            <div className="grid gap-2 sm:grid-cols-3">
              {type === "string" || type === "image" ? <TextField path={`${p}.pattern`} label={t("pattern")} optional mono /> : null}
              {type === "integer" || type === "quantity" || type === "string" ? (
                <>
                  <NumberField path={`${p}.min`} label={type === "string" ? t("minLength") : t("minimum")} optional portOrName />
                  <NumberField path={`${p}.max`} label={type === "string" ? t("maxLength") : t("maximum")} optional portOrName />
                </>
              ) : null}
              {type === "enum" ? <ListField path={`${p}.options`} label={t("allowed")} /> : null}
            </div>
            <div className="flex flex-wrap gap-4">
              <CheckField path={`${p}.required`} label={t("required")} />
              {canLock ? (
                <CheckField path={`${p}.lockedByAdmin`} label={t("locked")} />
              ) : (
                <p className="text-sm text-slate-600">{values[i]?.lockedByAdmin ? t("lockedReadOnly") : t("notLockedReadOnly")}</p>
              )}
            </div>
            <p className="text-xs text-slate-500">{used.length ? t("usedBy", { paths: used.join(", ") }) : t("unbound")}</p>
          </fieldset>
        );
      })}
      <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => params.append({ name: `param${params.keys.length + 1}`, type: "string", required: false, lockedByAdmin: false, default: "" })}>
        + {t("addParam")}
      </button>
    </Section>
  );
}
