"use client";
import { useTranslations } from "next-intl";
import { defaultEnvVar } from "@/lib/manifests/model/defaults";
import { FIELD_REF_PATHS, RESOURCE_REF_NAMES, type EnvVar, type EnvVarType } from "@/lib/manifests/model/env";
import { SelectField, TextField } from "./fields";
import { AddButton, ROW, ROW_END, RemoveButton } from "./row-fields";
import { useFieldArray, useWatch, useWizardForm } from "./form-hooks";

const KINDS: EnvVarType[] = ["value", "configMapKey", "secretKey", "fieldRef", "resourceFieldRef", "fileKey"];

/** Environment variables of every kind, plus whole ConfigMaps/Secrets (envFrom). */
export function EnvRows({ base }: { base: string }) {
  const t = useTranslations("wizard.env");
  const { get } = useWizardForm();
  const env = useFieldArray(`${base}.env`);
  const from = useFieldArray(`${base}.envFrom`);
  const rows = useWatch<EnvVar[] | undefined>(`${base}.env`) ?? [];
  return (
    <div className="space-y-3">
      {env.keys.map((key, i) => {
        const p = `${base}.env.${i}`;
        const type = rows[i]?.type ?? "value";
        return (
          // Kind and name on the first line (the name gets the room: NGINX_ENTRYPOINT_QUIET_LOGS),
          // what the value comes from on the second.
          <div key={key} className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)_auto] gap-2 rounded-md bg-slate-50 p-2">
            <SelectField path={`${p}.type`} label={t("kind")} options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onValue={(k) => env.update(i, defaultEnvVar(k as EnvVarType, get<string>(`${p}.name`)))} />
            <TextField path={`${p}.name`} label={t("name")} mono />
            <div className={ROW_END}>
              <RemoveButton label={t("remove", { n: i + 1 })} onClick={() => env.remove(i)} />
            </div>
            <div className="col-span-3 grid gap-2 sm:grid-cols-2">
            {type === "value" ? <TextField path={`${p}.value`} label={t("value")} hint={t("valueHint")} mono className="sm:col-span-2" /> : null}
            {type === "configMapKey" ? (
              <>
                <TextField path={`${p}.configMapName`} label={t("configMap")} mono />
                <TextField path={`${p}.key`} label={t("key")} mono />
              </>
            ) : null}
            {type === "secretKey" ? (
              <>
                <TextField path={`${p}.secretName`} label={t("secret")} mono />
                <TextField path={`${p}.key`} label={t("key")} mono />
              </>
            ) : null}
            {type === "fieldRef" ? <SelectField path={`${p}.fieldPath`} label={t("podField")} options={FIELD_REF_PATHS} className="sm:col-span-2" /> : null}
            {type === "resourceFieldRef" ? (
              <>
                <SelectField path={`${p}.resource`} label={t("resource")} options={RESOURCE_REF_NAMES} />
                <TextField path={`${p}.divisor`} label={t("divisor")} optional placeholder="1" />
              </>
            ) : null}
            {type === "fileKey" ? (
              <>
                <TextField path={`${p}.volumeName`} label={t("emptyDirVolume")} mono />
                <TextField path={`${p}.path`} label={t("fileInVolume")} placeholder="app.env" mono />
                <TextField path={`${p}.key`} label={t("key")} mono />
              </>
            ) : null}
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => env.append(defaultEnvVar("value", ""))}>{t("add")}</AddButton>
      {from.keys.map((key, i) => (
        <div key={key} className={`${ROW} rounded-md bg-slate-50 p-2`}>
          <SelectField path={`${base}.envFrom.${i}.type`} label={t("wholeObject")} options={[{ value: "configMap", label: t("configMap") }, { value: "secret", label: t("secret") }]} />
          <TextField path={`${base}.envFrom.${i}.name`} label={t("name")} mono />
          <TextField path={`${base}.envFrom.${i}.prefix`} label={t("prefix")} optional mono />
          <div className={ROW_END}>
            <RemoveButton label={t("removeWhole", { n: i + 1 })} onClick={() => from.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => from.append({ type: "configMap", name: "" })}>{t("addWhole")}</AddButton>
    </div>
  );
}
