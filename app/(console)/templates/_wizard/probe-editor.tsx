"use client";
import { useTranslations } from "next-intl";
import { defaultLifecycleHandler, defaultProbe, SEED_INITIAL_DELAY } from "@/lib/manifests/model/defaults";
import { type Container } from "@/lib/manifests/model/container";
import { type ProbeType } from "@/lib/manifests/model/probe";
import { NumberField, SelectField, TextField, Toggle } from "./fields";
import { useWatch, useWizardForm } from "./form-hooks";
import { ListField } from "./list-field";
import { PairListField } from "./kv-rows";
import { fieldId } from "./types";

const TYPES: ProbeType[] = ["httpGet", "tcpSocket", "exec"];

function firstPort(container: Container | undefined): number | string {
  const p = container?.ports?.[0];
  return p?.name || p?.containerPort || 80;
}

/** What a probe or a lifecycle hook does: HTTP GET, TCP connect, or run a command. */
export function ActionFields({ path, type, tcp = true }: { path: string; type: ProbeType; tcp?: boolean }) {
  const t = useTranslations("wizard.probe");
  if (type === "exec") return <ListField path={`${path}.command`} label={t("command")} hint={t("commandHint")} />;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {type === "httpGet" ? <SelectField path={`${path}.scheme`} label={t("scheme")} options={["HTTP", "HTTPS"]} /> : null}
      {type === "httpGet" ? <TextField path={`${path}.path`} label={t("path")} mono /> : null}
      {type === "httpGet" || tcp ? <NumberField path={`${path}.port`} label={t("port")} portOrName hint={t("portHint")} /> : null}
      {type === "httpGet" ? (
        <div className="sm:col-span-3">
          <PairListField path={`${path}.headers`} label={t("headers")} />
        </div>
      ) : null}
    </div>
  );
}

const KINDS = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

export function ProbeEditor({ base, kind }: { base: string; kind: (typeof KINDS)[number] }) {
  const t = useTranslations("wizard.probe");
  const { setValue, get } = useWizardForm();
  const path = `${base}.${kind}`;
  const probe = useWatch<{ type: ProbeType } | undefined>(path);
  const container = () => get<Container>(base);
  return (
    <Toggle id={fieldId(`${path}-on`)} label={t(kind)} checked={!!probe} onChange={(on) => setValue(path, on ? defaultProbe("httpGet", firstPort(container())) : undefined)}>
      {probe ? (
        <>
          <SelectField
            path={`${path}.type`}
            label={t("checkBy")}
            options={TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))}
            hint={t("delayDefaults", { http: SEED_INITIAL_DELAY.httpGet, tcp: SEED_INITIAL_DELAY.tcpSocket, exec: SEED_INITIAL_DELAY.exec })}
            onValue={(v) => setValue(path, defaultProbe(v as ProbeType, firstPort(container())))}
          />
          <ActionFields path={path} type={probe.type} />
          <div className="grid gap-3 sm:grid-cols-5">
            <NumberField path={`${path}.initialDelaySeconds`} label={t("initialDelay")} />
            <NumberField path={`${path}.periodSeconds`} label={t("period")} />
            <NumberField path={`${path}.timeoutSeconds`} label={t("timeout")} />
            <NumberField path={`${path}.successThreshold`} label={t("success")} hint={kind === "readinessProbe" ? undefined : t("mustBeOne")} />
            <NumberField path={`${path}.failureThreshold`} label={t("failure")} />
          </div>
        </>
      ) : null}
    </Toggle>
  );
}

const HOOKS = ["postStart", "preStop"] as const;

export function LifecycleHook({ base, hook }: { base: string; hook: (typeof HOOKS)[number] }) {
  const t = useTranslations("wizard.probe");
  const { setValue, get } = useWizardForm();
  const path = `${base}.lifecycle.${hook}`;
  const handler = useWatch<{ type: ProbeType } | undefined>(path);
  const set = (value: unknown) => {
    const lifecycle: Record<string, unknown> = { ...(get<object | undefined>(`${base}.lifecycle`) ?? {}), [hook]: value };
    setValue(`${base}.lifecycle`, !lifecycle.postStart && !lifecycle.preStop ? undefined : lifecycle);
  };
  const fresh = (t: string) => defaultLifecycleHandler(hook, t === "httpGet" ? "httpGet" : "exec", firstPort(get<Container>(base)));
  return (
    <Toggle id={fieldId(`${path}-on`)} label={t(hook)} checked={!!handler} onChange={(on) => set(on ? fresh("exec") : undefined)}>
      {handler ? (
        <>
          <SelectField path={`${path}.type`} label={t("run")} options={TYPES.filter((v) => v !== "tcpSocket").map((v) => ({ value: v, label: t(`types.${v}`) }))} onValue={(v) => set(fresh(v))} />
          <ActionFields path={path} type={handler.type} tcp={false} />
        </>
      ) : null}
    </Toggle>
  );
}
