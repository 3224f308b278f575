"use client";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { defaultEnvVar, FIELD_REF_PATHS, RESOURCE_REF_NAMES, type EnvVar, type EnvVarType } from "@/lib/manifests";
import { AddButton, ROW, ROW_END, RemoveButton, SelectField, TextField } from "./fields";
import type { WizardValues } from "./types";

const KINDS: { value: EnvVarType; label: string }[] = [
  { value: "value", label: "Custom value" },
  { value: "configMapKey", label: "ConfigMap key" },
  { value: "secretKey", label: "Secret key" },
  { value: "fieldRef", label: "Pod field" },
  { value: "resourceFieldRef", label: "Resource reference" },
  { value: "fileKey", label: "Key of an env file in a volume" },
];

/** Environment variables of every kind, plus whole ConfigMaps/Secrets (envFrom). */
export function EnvRows({ base }: { base: string }) {
  const { control, getValues } = useFormContext<WizardValues>();
  const env = useFieldArray({ control, name: `${base}.env` as "spec.containers.0.env" });
  const from = useFieldArray({ control, name: `${base}.envFrom` as "spec.containers.0.envFrom" });
  const rows = (useWatch({ name: `${base}.env` as "spec.containers.0.env" }) ?? []) as EnvVar[];
  return (
    <div className="space-y-3">
      {env.fields.map((f, i) => {
        const p = `${base}.env.${i}`;
        const type = rows[i]?.type ?? "value";
        return (
          // Kind and name on the first line (the name gets the room: NGINX_ENTRYPOINT_QUIET_LOGS),
          // what the value comes from on the second.
          <div key={f.id} className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)_auto] gap-2 rounded-md bg-slate-50 p-2">
            <SelectField path={`${p}.type`} label="Kind" options={KINDS} onValue={(t) => env.update(i, defaultEnvVar(t as EnvVarType, getValues(`${p}.name` as never) as unknown as string))} />
            <TextField path={`${p}.name`} label="Name" mono />
            <div className={ROW_END}>
              <RemoveButton label={`Remove environment variable ${i + 1}`} onClick={() => env.remove(i)} />
            </div>
            <div className="col-span-3 grid gap-2 sm:grid-cols-2">
            {type === "value" ? <TextField path={`${p}.value`} label="Value" hint="$(OTHER_VAR) expands." mono className="sm:col-span-2" /> : null}
            {type === "configMapKey" ? (
              <>
                <TextField path={`${p}.configMapName`} label="ConfigMap" mono />
                <TextField path={`${p}.key`} label="Key" mono />
              </>
            ) : null}
            {type === "secretKey" ? (
              <>
                <TextField path={`${p}.secretName`} label="Secret" mono />
                <TextField path={`${p}.key`} label="Key" mono />
              </>
            ) : null}
            {type === "fieldRef" ? <SelectField path={`${p}.fieldPath`} label="Pod field" options={FIELD_REF_PATHS} className="sm:col-span-2" /> : null}
            {type === "resourceFieldRef" ? (
              <>
                <SelectField path={`${p}.resource`} label="Resource" options={RESOURCE_REF_NAMES} />
                <TextField path={`${p}.divisor`} label="Divisor" optional placeholder="1" />
              </>
            ) : null}
            {type === "fileKey" ? (
              <>
                <TextField path={`${p}.volumeName`} label="emptyDir volume" mono />
                <TextField path={`${p}.path`} label="File in the volume" placeholder="app.env" mono />
                <TextField path={`${p}.key`} label="Key" mono />
              </>
            ) : null}
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => env.append(defaultEnvVar("value", ""))}>Add variable</AddButton>
      {from.fields.map((f, i) => (
        <div key={f.id} className={`${ROW} rounded-md bg-slate-50 p-2`}>
          <SelectField path={`${base}.envFrom.${i}.type`} label="Whole object" options={["configMap", "secret"]} />
          <TextField path={`${base}.envFrom.${i}.name`} label="Name" mono />
          <TextField path={`${base}.envFrom.${i}.prefix`} label="Prefix" optional mono />
          <div className={ROW_END}>
            <RemoveButton label={`Remove whole-object variables ${i + 1}`} onClick={() => from.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => from.append({ type: "configMap", name: "" })}>Add all keys of a ConfigMap or Secret</AddButton>
    </div>
  );
}
