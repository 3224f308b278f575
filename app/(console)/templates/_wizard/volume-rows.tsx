"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ACCESS_MODES, type ClaimTemplate, type Volume, type VolumeType } from "@/lib/manifests/model/volume";
import { defaultVolume } from "@/lib/manifests/model/defaults";
import { FieldMessage, SelectField, TextField } from "./fields";
import { AddButton, CheckField, ROW, ROW_END, RemoveButton } from "./row-fields";
import { STORAGE_CLASS_LIST } from "@/app/_components/pick-list-ids";
import { CloudOnlyNote } from "./cloud-note";
import { bind, useFieldArray, useWatch, useWizardForm } from "./form-hooks";
import { MapField } from "./kv-rows";
import { StorageFacts } from "./statefulset-facts";
import { fieldId } from "./types";

const VOLUME_KINDS: Exclude<VolumeType, "other">[] = ["configMap", "secret", "emptyDir", "persistentVolumeClaim", "nfs"];

/** Pod volumes shared by the containers: ConfigMap, Secret, emptyDir, an existing PVC, NFS. */
export function PodVolumes() {
  const t = useTranslations("wizard.volumes");
  const volumes = useFieldArray("spec.volumes");
  const values = useWatch<Volume[] | undefined>("spec.volumes") ?? [];
  return (
    <div className="space-y-2">
      {volumes.keys.map((key, i) => {
        const p = `spec.volumes.${i}`;
        const type = values[i]?.type ?? "emptyDir";
        return (
          <div key={key} className={`${ROW} rounded-md bg-slate-50 p-2`}>
            {type === "other" ? (
              <p className="text-sm text-slate-600 sm:col-span-1">{t("otherSource")}</p>
            ) : (
              <SelectField path={`${p}.type`} label={t("kind")} options={VOLUME_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onValue={(k) => volumes.update(i, defaultVolume(k as Exclude<VolumeType, "other">, values[i]?.name ?? ""))} />
            )}
            <TextField path={`${p}.name`} label={t("name")} mono />
            {type === "configMap" ? <TextField path={`${p}.configMapName`} label={t("kinds.configMap")} mono /> : null}
            {type === "secret" ? <TextField path={`${p}.secretName`} label={t("kinds.secret")} mono /> : null}
            {type === "emptyDir" ? (
              <>
                <SelectField path={`${p}.medium`} label={t("medium")} options={[{ value: "Memory", label: "Memory" }]} optional />
                <TextField path={`${p}.sizeLimit`} label={t("sizeLimit")} optional placeholder="1Gi" />
              </>
            ) : null}
            {type === "persistentVolumeClaim" ? <TextField path={`${p}.claimName`} label={t("claimName")} mono /> : null}
            {type === "nfs" ? (
              <>
                <TextField path={`${p}.server`} label={t("nfsServer")} mono />
                <TextField path={`${p}.path`} label={t("exportPath")} mono />
              </>
            ) : null}
            <div className={ROW_END}>
              <RemoveButton label={t("remove", { n: i + 1 })} onClick={() => volumes.remove(i)} />
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => volumes.append(defaultVolume("emptyDir", `data-${volumes.keys.length + 1}`))}>{t("add")}</AddButton>
      <FieldMessage path="spec.volumes" />
    </div>
  );
}

type ClassMode = "default" | "none" | "named";

/**
 * storageClassName has three meanings: omitted = the cluster's default class; "" = no class
 * (the claim binds a pre-created volume); a name = that class. The form says which.
 */
function StorageClassField({ path }: { path: string }) {
  const t = useTranslations("wizard.volumes");
  const { setValue } = useWizardForm();
  const value = useWatch<string | undefined>(path);
  // The mode follows the value (an import may replace it); only "named, not typed yet" needs state.
  const [namingEmpty, setNamingEmpty] = useState(false);
  const derived: ClassMode = value === undefined ? "default" : value === "" ? "none" : "named";
  const mode: ClassMode = derived === "none" && namingEmpty ? "named" : derived;
  const choose = (next: ClassMode) => {
    setNamingEmpty(next === "named");
    setValue(path, next === "default" ? undefined : next === "none" ? "" : value || "", { validate: true });
  };
  const id = fieldId(`${path}-mode`);
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={id} className="label">{t("storageClass")}</label>
        <select id={id} className="input" value={mode} onChange={(e) => choose(e.target.value as ClassMode)}>
          <option value="default">{t("classDefault")}</option>
          <option value="none">{t("classNone")}</option>
          <option value="named">{t("classNamed")}</option>
        </select>
      </div>
      {mode === "named" ? (
        <TextField path={path} label={t("className")} placeholder="standard" mono list={STORAGE_CLASS_LIST} hint={t("classNameHint")} />
      ) : (
        <>
          <p className="text-xs text-slate-500">
            {mode === "default" ? t("classDefaultHelp") : t("classNoneHelp")}
          </p>
          <FieldMessage path={path} />
        </>
      )}
    </div>
  );
}

/** Per-pod storage: one PVC per pod and claim template. */
export function ClaimTemplates() {
  const t = useTranslations("wizard.volumes");
  const form = useWizardForm();
  const claims = useFieldArray("spec.volumeClaimTemplates");
  const values = useWatch<ClaimTemplate[] | undefined>("spec.volumeClaimTemplates") ?? [];
  return (
    <div className="space-y-2">
      {claims.keys.map((key, i) => {
        const p = `spec.volumeClaimTemplates.${i}`;
        return (
          <div key={key} className="space-y-2 rounded-md bg-slate-50 p-2">
            <div className={ROW}>
              <TextField path={`${p}.name`} label={t("claimName")} mono />
              <StorageClassField path={`${p}.storageClassName`} />
              <TextField path={`${p}.size`} label={t("size")} placeholder="10Gi" />
              <div className={ROW_END}>
                <RemoveButton label={t("removeClaim", { n: i + 1 })} onClick={() => claims.remove(i)} />
              </div>
            </div>
            <fieldset>
              <legend className="label">{t("accessModes")}</legend>
              <div className="flex flex-wrap gap-3">
                {ACCESS_MODES.map((m) => (
                  <label key={m} className="flex items-center gap-1 text-sm">
                    <input type="checkbox" value={m} className="h-4 w-4" {...bind(form, `${p}.accessModes`, { member: m })} /> {m}
                  </label>
                ))}
              </div>
              <FieldMessage path={`${p}.accessModes`} />
            </fieldset>
            <StorageFacts claim={values[i]?.name ?? ""} />
          </div>
        );
      })}
      <AddButton onClick={() => claims.append({ name: claims.keys.length ? `data-${claims.keys.length + 1}` : "data", size: "10Gi", accessModes: ["ReadWriteOnce"] })}>{t("addClaim")}</AddButton>
    </div>
  );
}

/** Where a container mounts the pod volumes and per-pod storage. */
export function MountRows({ base }: { base: string }) {
  const t = useTranslations("wizard.volumes");
  const mounts = useFieldArray(`${base}.volumeMounts`);
  const volumes = useWatch<Volume[] | undefined>("spec.volumes") ?? [];
  const claims = useWatch<ClaimTemplate[] | undefined>("spec.volumeClaimTemplates") ?? [];
  const listId = fieldId(`${base}-volume-names`);
  return (
    <div className="space-y-2">
      <datalist id={listId}>
        {[...volumes.map((v) => v.name), ...claims.map((c) => c.name)].map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {mounts.keys.map((key, i) => {
        const p = `${base}.volumeMounts.${i}`;
        return (
          <div key={key} className={`${ROW} rounded-md bg-slate-50 p-2`}>
            <TextField path={`${p}.name`} label={t("volumeOrClaim")} list={listId} mono />
            <TextField path={`${p}.mountPath`} label={t("mountPath")} mono />
            <TextField path={`${p}.subPath`} label={t("subPath")} optional mono />
            <SelectField path={`${p}.mountPropagation`} label={t("propagation")} optional options={["None", "HostToContainer", "Bidirectional"]} />
            <div className={ROW_END}>
              <CheckField path={`${p}.readOnly`} label={t("readOnly")} />
            </div>
            <div className={ROW_END}>
              <RemoveButton label={t("removeMount", { n: i + 1 })} onClick={() => mounts.remove(i)} />
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => mounts.append({ name: claims[0]?.name ?? volumes[0]?.name ?? "", mountPath: "/data" })}>{t("addMount")}</AddButton>
    </div>
  );
}

/** Log collection (Alibaba Cloud's log service): stdout or a file glob into a log store, with tags. */
export function LogRows({ base }: { base: string }) {
  const t = useTranslations("wizard.logs");
  const logs = useFieldArray(`${base}.logs`);
  return (
    <div className="space-y-2">
      <CloudOnlyNote feature="logCollection" />
      {logs.keys.map((key, i) => {
        const p = `${base}.logs.${i}`;
        return (
          <div key={key} className="space-y-2 rounded-md bg-slate-50 p-2">
            <div className={ROW}>
              <TextField path={`${p}.store`} label={t("store")} mono />
              <TextField path={`${p}.path`} label={t("path")} hint={t("pathHint")} mono />
              <div className={ROW_END}>
                <RemoveButton label={t("remove", { n: i + 1 })} onClick={() => logs.remove(i)} />
              </div>
            </div>
            <MapField path={`${p}.tags`} label={t("tags")} />
          </div>
        );
      })}
      <AddButton onClick={() => logs.append({ store: "", path: "stdout", tags: {} })}>{t("add")}</AddButton>
    </div>
  );
}
