"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NumberField, SelectField, TextField } from "./fields";
import { AddButton, CheckField, ROW, ROW_END, RemoveButton } from "./row-fields";
import { EnvRows } from "./env-rows";
import { useFieldArray } from "./form-hooks";
import { ListField } from "./list-field";
import { ParamToggle } from "./param-toggle";
import { LifecycleHook, ProbeEditor } from "./probe-editor";
import { LogRows, MountRows } from "./volume-rows";

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details open className="rounded-md border border-slate-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">{title}</summary>
      <div className="space-y-3 px-3 pb-3">{children}</div>
    </details>
  );
}

function PortRows({ base }: { base: string }) {
  const t = useTranslations("wizard.container");
  const ports = useFieldArray(`${base}.ports`);
  return (
    <div className="space-y-2">
      {ports.keys.map((key, i) => (
        <div key={key} className={ROW}>
          <TextField path={`${base}.ports.${i}.name`} label={t("portName")} optional mono />
          <NumberField path={`${base}.ports.${i}.containerPort`} label={t("containerPort")} />
          <NumberField path={`${base}.ports.${i}.hostPort`} label={t("hostPort")} optional hint={t("hostPortHint")} />
          <SelectField path={`${base}.ports.${i}.protocol`} label={t("protocol")} options={["TCP", "UDP", "SCTP"]} />
          <div className={ROW_END}>
            <RemoveButton label={t("removePort", { n: i + 1 })} onClick={() => ports.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => ports.append({ name: "", containerPort: 8080, protocol: "TCP" })}>{t("addPort")}</AddButton>
    </div>
  );
}

/** One container (or init container): every field of the wizard's step 2, grouped. */
export function ContainerCard({ base, index, init, onRemove, onToggleInit, canRemove }: {
  base: string; index: number; init: boolean; onRemove: () => void; onToggleInit: () => void; canRemove: boolean;
}) {
  const t = useTranslations("wizard.container");
  const title = t(init ? "initTitle" : "title", { n: index + 1 });
  return (
    <article className="card space-y-3 p-4" aria-label={title}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={init} onChange={onToggleInit} className="h-4 w-4" /> {t("initToggle")}
          </label>
          {canRemove ? <RemoveButton label={t("remove", { title: title.toLowerCase() })} onClick={onRemove} /> : null}
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField path={`${base}.name`} label={t("name")} mono />
        <TextField
          path={`${base}.image`}
          label={t("image")}
          placeholder="nginx:1.27"
          mono
          after={
            <span className="flex gap-2">
              <ParamToggle path={`${base}.image`} suggested="imageTag" type="string" mode="tag" />
            </span>
          }
        />
        <SelectField path={`${base}.imagePullPolicy`} label={t("pullPolicy")} options={["Always", "IfNotPresent", "Never"]} optional hint={t("pullPolicyHint")} />
        <div className="flex items-end gap-4 pb-1">
          <CheckField path={`${base}.stdin`} label="stdin" />
          <CheckField path={`${base}.tty`} label="tty" />
        </div>
      </div>
      <Group title={t("resources")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path={`${base}.resources.requests.cpu`} label={t("cpuRequest")} optional placeholder="500m" after={<ParamToggle path={`${base}.resources.requests.cpu`} suggested="cpu" type="quantity" label="CPU" />} />
          <TextField path={`${base}.resources.limits.cpu`} label={t("cpuLimit")} optional placeholder={t("equalsRequest")} />
          <TextField path={`${base}.resources.requests.memory`} label={t("memoryRequest")} optional placeholder="512Mi" after={<ParamToggle path={`${base}.resources.requests.memory`} suggested="memory" type="quantity" label={t("memoryParam")} />} />
          <TextField path={`${base}.resources.limits.memory`} label={t("memoryLimit")} optional placeholder={t("equalsRequest")} />
        </div>
      </Group>
      <Group title={t("ports")}>
        <PortRows base={base} />
      </Group>
      <Group title={t("env")}>
        <EnvRows base={base} />
      </Group>
      {init ? null : (
        <Group title={t("health")}>
          <ProbeEditor base={base} kind="livenessProbe" />
          <ProbeEditor base={base} kind="readinessProbe" />
          <ProbeEditor base={base} kind="startupProbe" />
        </Group>
      )}
      <Group title={t("lifecycle")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <ListField path={`${base}.command`} label={t("command")} hint={t("commandHint")} />
          <ListField path={`${base}.args`} label={t("args")} />
        </div>
        <LifecycleHook base={base} hook="postStart" />
        <LifecycleHook base={base} hook="preStop" />
      </Group>
      <Group title={t("mounts")}>
        <MountRows base={base} />
      </Group>
      <Group title={t("logs")}>
        <LogRows base={base} />
      </Group>
    </article>
  );
}
