"use client";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { PARAMETER_TYPES } from "@/lib/manifests";
import { CheckField, FieldMessage, NumberField, ROW, ROW_END, RemoveButton, Section, SelectField, TextField } from "./fields";
import { ListField } from "./kv-rows";
import type { WizardValues } from "./types";

/** The template around the app: name, who sees it, the version message, and typed parameters. */
export function SavePanel({ editing, canLock }: { editing: boolean; canLock: boolean }) {
  return (
    <div className="space-y-4">
      <Section title={editing ? "Save a new version" : "Save as a template"} description="Every save is a new, immutable version; deployments keep the version they used.">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="meta.name" label="Template name" />
          {editing ? null : <SelectField path="meta.visibility" label="Visibility" options={[{ value: "private", label: "Private (only me)" }, { value: "team", label: "Shared with the team" }]} />}
          <TextField path="meta.labelsText" label="Template labels" hint="Comma-separated, for search (e.g. web, database)." />
          <TextField path="meta.message" label="Version message" placeholder={editing ? "What changed?" : "First version"} />
        </div>
        <div>
          <label htmlFor="f-meta-description" className="label">
            Description
          </label>
          <textarea id="f-meta-description" rows={2} className="input" {...useFormContext<WizardValues>().register("meta.description")} />
          <FieldMessage path="meta.description" />
        </div>
      </Section>
      <ParameterRows canLock={canLock} />
    </div>
  );
}

function ParameterRows({ canLock }: { canLock: boolean }) {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const params = useFieldArray({ control, name: "parameters" });
  const values = useWatch<WizardValues, "parameters">({ name: "parameters" }) ?? [];
  const bindings = useWatch<WizardValues, "bindings">({ name: "bindings" }) ?? [];
  const remove = (i: number) => {
    const name = getValues(`parameters.${i}.name`);
    setValue("bindings", getValues("bindings").filter((b) => b.parameter !== name));
    params.remove(i);
  };
  return (
    <Section
      title="Parameters"
      description="What the person deploying may change. Mark fields with “Make … a parameter” in the steps (image tag, replicas, resources, ingress host), or add one and reference it in YAML as {{ params.name }}."
    >
      {params.fields.length === 0 ? <p className="text-sm text-slate-500">No parameters: every deployment of this template is identical.</p> : null}
      {params.fields.map((f, i) => {
        const p = `parameters.${i}`;
        const type = values[i]?.type;
        const used = bindings.filter((b) => b.parameter === values[i]?.name).map((b) => b.path);
        return (
          <fieldset key={f.id} className="space-y-2 rounded-md bg-slate-50 p-3" aria-label={`Parameter ${i + 1}`}>
            <div className={ROW}>
              <TextField path={`${p}.name`} label="Parameter name" mono />
              <SelectField path={`${p}.type`} label="Type" options={PARAMETER_TYPES} />
              <TextField path={`${p}.default`} label="Default value" mono />
              <div className={ROW_END}>
                <RemoveButton label={`Remove parameter ${i + 1}`} onClick={() => remove(i)} />
              </div>
            </div>
            <TextField path={`${p}.description`} label="Description" optional />
            <div className="grid gap-2 sm:grid-cols-3">
              {type === "string" || type === "image" ? <TextField path={`${p}.pattern`} label="Pattern (RE2 regular expression, whole value)" optional mono /> : null}
              {type === "integer" || type === "quantity" || type === "string" ? (
                <>
                  <NumberField path={`${p}.min`} label={type === "string" ? "Min length" : "Minimum"} optional portOrName />
                  <NumberField path={`${p}.max`} label={type === "string" ? "Max length" : "Maximum"} optional portOrName />
                </>
              ) : null}
              {type === "enum" ? <ListField path={`${p}.options`} label="Allowed values" /> : null}
            </div>
            <div className="flex flex-wrap gap-4">
              <CheckField path={`${p}.required`} label="Required" />
              {canLock ? (
                <CheckField path={`${p}.lockedByAdmin`} label="Locked (deployers cannot change it)" />
              ) : (
                <p className="text-sm text-slate-600">{`${values[i]?.lockedByAdmin ? "Locked" : "Not locked"} (only team owners and admins lock parameters)`}</p>
              )}
            </div>
            <p className="text-xs text-slate-500">{used.length ? `Used by: ${used.join(", ")}` : "Not bound to a field."}</p>
          </fieldset>
        );
      })}
      <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => params.append({ name: `param${params.fields.length + 1}`, type: "string", required: false, lockedByAdmin: false, default: "" })}>
        + Add parameter
      </button>
    </Section>
  );
}
