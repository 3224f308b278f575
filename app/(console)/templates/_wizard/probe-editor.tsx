"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { defaultLifecycleHandler, defaultProbe, SEED_INITIAL_DELAY, type Container, type ProbeType } from "@/lib/manifests";
import { NumberField, SelectField, TextField, Toggle } from "./fields";
import { ListField, PairListField } from "./kv-rows";
import { fieldId, type WizardValues } from "./types";

const TYPES: { value: ProbeType; label: string }[] = [
  { value: "httpGet", label: "HTTP request" },
  { value: "tcpSocket", label: "TCP port" },
  { value: "exec", label: "Command" },
];

function firstPort(container: Container | undefined): number | string {
  const p = container?.ports?.[0];
  return p?.name || p?.containerPort || 80;
}

/** What a probe or a lifecycle hook does: HTTP GET, TCP connect, or run a command. */
export function ActionFields({ path, type, tcp = true }: { path: string; type: ProbeType; tcp?: boolean }) {
  if (type === "exec") return <ListField path={`${path}.command`} label="Command" hint="One argument per line, e.g. sh, -c, then the script." />;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {type === "httpGet" ? <SelectField path={`${path}.scheme`} label="Scheme" options={["HTTP", "HTTPS"]} /> : null}
      {type === "httpGet" ? <TextField path={`${path}.path`} label="Path" mono /> : null}
      {type === "httpGet" || tcp ? <NumberField path={`${path}.port`} label="Port" portOrName hint="Number or port name." /> : null}
      {type === "httpGet" ? (
        <div className="sm:col-span-3">
          <PairListField path={`${path}.headers`} label="HTTP headers" />
        </div>
      ) : null}
    </div>
  );
}

const KIND_LABEL = { livenessProbe: "Liveness probe", readinessProbe: "Readiness probe", startupProbe: "Startup probe" } as const;

export function ProbeEditor({ base, kind }: { base: string; kind: keyof typeof KIND_LABEL }) {
  const { setValue, getValues } = useFormContext<WizardValues>();
  const path = `${base}.${kind}`;
  const probe = useWatch({ name: path as never }) as { type: ProbeType } | undefined;
  const container = () => getValues(base as never) as unknown as Container;
  return (
    <Toggle id={fieldId(`${path}-on`)} label={KIND_LABEL[kind]} checked={!!probe} onChange={(on) => setValue(path as never, (on ? defaultProbe("httpGet", firstPort(container())) : undefined) as never, { shouldDirty: true })}>
      {probe ? (
        <>
          <SelectField
            path={`${path}.type`}
            label="Check by"
            options={TYPES}
            hint={`Initial delay defaults: HTTP ${SEED_INITIAL_DELAY.httpGet}s, TCP ${SEED_INITIAL_DELAY.tcpSocket}s, command ${SEED_INITIAL_DELAY.exec}s.`}
            onValue={(t) => setValue(path as never, defaultProbe(t as ProbeType, firstPort(container())) as never, { shouldDirty: true })}
          />
          <ActionFields path={path} type={probe.type} />
          <div className="grid gap-3 sm:grid-cols-5">
            <NumberField path={`${path}.initialDelaySeconds`} label="Initial delay (s)" />
            <NumberField path={`${path}.periodSeconds`} label="Period (s)" />
            <NumberField path={`${path}.timeoutSeconds`} label="Timeout (s)" />
            <NumberField path={`${path}.successThreshold`} label="Success threshold" hint={kind === "readinessProbe" ? undefined : "Must be 1."} />
            <NumberField path={`${path}.failureThreshold`} label="Failure threshold" />
          </div>
        </>
      ) : null}
    </Toggle>
  );
}

const HOOK_LABEL = { postStart: "Post-start hook", preStop: "Pre-stop hook" } as const;

export function LifecycleHook({ base, hook }: { base: string; hook: keyof typeof HOOK_LABEL }) {
  const { setValue, getValues } = useFormContext<WizardValues>();
  const path = `${base}.lifecycle.${hook}`;
  const handler = useWatch({ name: path as never }) as { type: ProbeType } | undefined;
  const set = (value: unknown) => {
    const lifecycle: Record<string, unknown> = { ...((getValues(`${base}.lifecycle` as never) as object | undefined) ?? {}), [hook]: value };
    if (!lifecycle.postStart && !lifecycle.preStop) setValue(`${base}.lifecycle` as never, undefined as never, { shouldDirty: true });
    else setValue(`${base}.lifecycle` as never, lifecycle as never, { shouldDirty: true });
  };
  const fresh = (t: string) => defaultLifecycleHandler(hook, t === "httpGet" ? "httpGet" : "exec", firstPort(getValues(base as never) as unknown as Container));
  return (
    <Toggle id={fieldId(`${path}-on`)} label={HOOK_LABEL[hook]} checked={!!handler} onChange={(on) => set(on ? fresh("exec") : undefined)}>
      {handler ? (
        <>
          <SelectField path={`${path}.type`} label="Run" options={TYPES.filter((t) => t.value !== "tcpSocket")} onValue={(t) => set(fresh(t))} />
          <ActionFields path={path} type={handler.type} tcp={false} />
        </>
      ) : null}
    </Toggle>
  );
}
