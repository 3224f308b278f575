"use client";
import { useTranslations } from "next-intl";
import { headlessServiceName } from "@/lib/manifests/naming";
import type { AppSpec } from "@/lib/manifests/model/app-spec";
import type { ContainerPort } from "@/lib/manifests/model/container";
import type { IngressRule } from "@/lib/manifests/model/network";
import { FieldMessage, NumberField, Section, SelectField, TextField, Toggle } from "./fields";
import { AddButton, CheckField, ROW, ROW_END, RemoveButton } from "./row-fields";
import { INGRESS_CLASS_LIST } from "@/app/_components/pick-list-ids";
import { CloudOnlyNote } from "./cloud-note";
import { useFieldArray, useWatch, useWizardForm } from "./form-hooks";
import { ListField } from "./list-field";
import { MapField } from "./kv-rows";
import { ParamToggle } from "./param-toggle";

function useSpec<K extends keyof AppSpec>(key: K): AppSpec[K] {
  return useWatch<AppSpec[K]>(`spec.${key}`);
}

/** Labels and annotations of one object, one under the other (each row keeps its key beside its value). */
function MetadataMaps({ labels, annotations, what }: { labels: string; annotations: string; what: string }) {
  const t = useTranslations("wizard.advanced");
  return (
    <div className="grid gap-3">
      <MapField path={labels} label={t("objectLabels", { what })} />
      <MapField path={annotations} label={t("objectAnnotations", { what })} />
    </div>
  );
}

/** Field arrays live in components that mount with their section, so they start from its value. */
function ServicePorts({ type }: { type: string | undefined }) {
  const t = useTranslations("wizard.advanced");
  const ports = useFieldArray("spec.service.ports");
  return (
    <fieldset className="space-y-2">
      <legend className="label">{t("portMappings")}</legend>
      {ports.keys.map((key, i) => (
        <div key={key} className={ROW}>
          <TextField path={`spec.service.ports.${i}.name`} label={t("name")} optional mono />
          <NumberField path={`spec.service.ports.${i}.port`} label={t("servicePort")} />
          <NumberField path={`spec.service.ports.${i}.targetPort`} label={t("containerPort")} portOrName hint={t("portHint")} />
          {type === "ClusterIP" ? (
            <SelectField path={`spec.service.ports.${i}.protocol`} label={t("protocol")} options={["TCP", "UDP", "SCTP"]} />
          ) : (
            <NumberField path={`spec.service.ports.${i}.nodePort`} label={t("nodePort")} optional />
          )}
          {/* i18n-exempt: the placeholder lists example protocol names */}
          <TextField path={`spec.service.ports.${i}.appProtocol`} label={t("appProtocol")} optional placeholder="http, h2c, kubernetes.io/ws" mono />
          <div className={ROW_END}>
            <RemoveButton label={t("removeServicePort", { n: i + 1 })} onClick={() => ports.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => ports.append({ port: 80, targetPort: 80, protocol: "TCP" })}>{t("addPortMapping")}</AddButton>
      <FieldMessage path="spec.service.ports" />
    </fieldset>
  );
}

function ServiceSection() {
  const t = useTranslations("wizard.advanced");
  const { setValue, get } = useWizardForm();
  const service = useSpec("service");
  const name = useSpec("name");
  const headless = headlessServiceName({ name: name || "<name>", headlessServiceName: get<string | undefined>("spec.headlessServiceName") });
  const on = (v: boolean) => {
    const first = get<ContainerPort | undefined>("spec.containers.0.ports.0");
    setValue("spec.service", v ? { name: `${name}-svc`, type: "ClusterIP", headless: false, ports: [{ name: first?.name || "http", port: first?.containerPort ?? 80, targetPort: first?.name || first?.containerPort || 80, protocol: "TCP" }], annotations: {}, labels: {} } : undefined);
  };
  return (
    <Section title={t("service")} description={t("serviceHelp", { headless })}>
      <Toggle id="toggle-service" label={t("createService")} checked={!!service} onChange={on}>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField path="spec.service.name" label={t("serviceName")} mono />
          <SelectField path="spec.service.type" label={t("serviceType")} options={[{ value: "ClusterIP", label: t("clusterIP") }, { value: "NodePort", label: "NodePort" }, { value: "LoadBalancer", label: t("loadBalancer") }]} />
          {service?.type === "ClusterIP" ? (
            <div className="pt-6">
              <CheckField path="spec.service.headless" label={t("headless")} />
            </div>
          ) : (
            <SelectField path="spec.service.externalTrafficPolicy" label={t("externalTrafficPolicy")} options={["Cluster", "Local"]} optional />
          )}
        </div>
        <ServicePorts type={service?.type} />
        <MetadataMaps labels="spec.service.labels" annotations="spec.service.annotations" what={t("service")} />
      </Toggle>
    </Section>
  );
}

function IngressPaths({ rule }: { rule: number }) {
  const t = useTranslations("wizard.advanced");
  const { get } = useWizardForm();
  const paths = useFieldArray(`spec.ingress.rules.${rule}.paths`);
  const values = useWatch<IngressRule["paths"] | undefined>(`spec.ingress.rules.${rule}.paths`) ?? [];
  return (
    <div className="space-y-2">
      {paths.keys.map((key, j) => {
        const p = `spec.ingress.rules.${rule}.paths.${j}`;
        return (
          <div key={key} className={ROW}>
            <TextField path={`${p}.path`} label={t("path")} mono />
            <SelectField path={`${p}.pathType`} label={t("pathType")} options={["Prefix", "Exact", "ImplementationSpecific"]} />
            {values[j]?.resource ? (
              // A backend that is another resource (imported as written): kind and name, no Service.
              <>
                <TextField path={`${p}.resource.kind`} label={t("backendKind")} hint={t("backendKindHint")} mono />
                <TextField path={`${p}.resource.name`} label={t("backendName")} mono />
              </>
            ) : (
              <>
                <TextField path={`${p}.serviceName`} label={t("backendService")} mono />
                <NumberField path={`${p}.servicePort`} label={t("backendPort")} portOrName />
              </>
            )}
            <div className={ROW_END}>
              <RemoveButton label={t("removePath", { n: j + 1, rule: rule + 1 })} onClick={() => paths.remove(j)} />
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => paths.append({ path: "/", pathType: "Prefix", serviceName: get<string | undefined>("spec.service.name") ?? "", servicePort: get<number | undefined>("spec.service.ports.0.port") ?? 80 })}>{t("addPath")}</AddButton>
    </div>
  );
}

function useBackend() {
  const { get } = useWizardForm();
  return () => ({ path: "/", pathType: "Prefix" as const, serviceName: get<string | undefined>("spec.service.name") ?? `${get<string>("spec.name")}-svc`, servicePort: get<number | undefined>("spec.service.ports.0.port") ?? 80 });
}

function IngressRules() {
  const t = useTranslations("wizard.advanced");
  const rules = useFieldArray("spec.ingress.rules");
  const tls = useFieldArray("spec.ingress.tls");
  const backend = useBackend();
  return (
    <>
      {rules.keys.map((key, i) => (
        <fieldset key={key} className="space-y-2 rounded-md bg-slate-50 p-2">
          <legend className="text-xs font-medium text-slate-600">{t("rule", { n: i + 1 })}</legend>
          <div className="flex items-start gap-2">
            <TextField path={`spec.ingress.rules.${i}.host`} label={t("host")} optional placeholder="foo.bar.com" mono className="flex-1" after={<ParamToggle path={`spec.ingress.rules.${i}.host`} suggested="host" type="string" label={t("hostParam")} />} />
            <div className="pt-6">
              <RemoveButton label={t("removeRule", { n: i + 1 })} onClick={() => rules.remove(i)} />
            </div>
          </div>
          <IngressPaths rule={i} />
        </fieldset>
      ))}
      <AddButton onClick={() => rules.append({ paths: [backend()] })}>{t("addRule")}</AddButton>
      <FieldMessage path="spec.ingress.rules" />
      {tls.keys.map((key, i) => (
        <div key={key} className={ROW}>
          <TextField path={`spec.ingress.tls.${i}.secretName`} label={t("tlsSecret")} optional mono />
          <ListField path={`spec.ingress.tls.${i}.hosts`} label={t("tlsHosts")} rows={1} />
          <div className={ROW_END}>
            <RemoveButton label={t("removeTls", { n: i + 1 })} onClick={() => tls.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => tls.append({ hosts: [] })}>{t("addTls")}</AddButton>
    </>
  );
}

function IngressSection() {
  const t = useTranslations("wizard.advanced");
  const { setValue, get } = useWizardForm();
  const ingress = useSpec("ingress");
  const canary = ingress?.canary;
  const backend = useBackend();
  const on = (v: boolean) =>
    setValue("spec.ingress", v ? { name: `${get<string>("spec.name")}-ingress`, rules: [{ paths: [backend()] }], tls: [], annotations: {}, labels: {} } : undefined);
  return (
    <Section title={t("ingress")} description={t("ingressHelp")}>
      <Toggle id="toggle-ingress" label={t("createIngress")} checked={!!ingress} onChange={on}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="spec.ingress.name" label={t("ingressName")} mono />
          <TextField path="spec.ingress.className" label={t("ingressClass")} optional placeholder="nginx" list={INGRESS_CLASS_LIST} hint={t("ingressClassHint")} />
        </div>
        <IngressRules />
        <Toggle id="toggle-canary" label={t("canary")} checked={!!canary} onChange={(v) => setValue("spec.ingress.canary", v ? { weight: 10 } : undefined)}>
          <div className="grid gap-3 sm:grid-cols-3">
            <NumberField path="spec.ingress.canary.weight" label={t("weight")} optional />
            <TextField path="spec.ingress.canary.header" label={t("byHeader")} optional />
            <TextField path="spec.ingress.canary.headerValue" label={t("headerValue")} optional />
          </div>
        </Toggle>
        <MetadataMaps labels="spec.ingress.labels" annotations="spec.ingress.annotations" what={t("ingress")} />
      </Toggle>
    </Section>
  );
}

function CronJobs() {
  const t = useTranslations("wizard.advanced");
  const jobs = useFieldArray("spec.scheduledScaling.jobs");
  return (
    <>
      {jobs.keys.map((key, i) => (
        <div key={key} className={ROW}>
          <TextField path={`spec.scheduledScaling.jobs.${i}.name`} label={t("jobName")} mono />
          <TextField path={`spec.scheduledScaling.jobs.${i}.schedule`} label={t("schedule")} hint={t("scheduleHint")} mono />
          <NumberField path={`spec.scheduledScaling.jobs.${i}.targetSize`} label={t("targetSize")} />
          <div className={ROW_END}>
            <CheckField path={`spec.scheduledScaling.jobs.${i}.runOnce`} label={t("once")} />
          </div>
          <div className={ROW_END}>
            <RemoveButton label={t("removeJob", { n: i + 1 })} onClick={() => jobs.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => jobs.append({ name: `job-${jobs.keys.length + 1}`, schedule: "0 0 20 * * *", targetSize: 2 })}>{t("addJob")}</AddButton>
    </>
  );
}

function ScalingSection() {
  const t = useTranslations("wizard.advanced");
  const { setValue } = useWizardForm();
  const autoscaling = useSpec("autoscaling");
  const scheduled = useSpec("scheduledScaling");
  return (
    <Section title={t("scaling")} description={t("scalingHelp")}>
      <Toggle id="toggle-hpa" label={t("metricScaling")} checked={!!autoscaling} onChange={(v) => setValue("spec.autoscaling", v ? { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } : undefined)}>
        <TextField path="spec.autoscaling.name" label={t("autoscalerName")} optional placeholder={t("appNamePlaceholder")} mono hint={t("autoscalerNameHint")} />
        <div className="grid gap-3 sm:grid-cols-4">
          <NumberField path="spec.autoscaling.minReplicas" label={t("minReplicas")} />
          <NumberField path="spec.autoscaling.maxReplicas" label={t("maxReplicas")} />
          <NumberField path="spec.autoscaling.cpuUtilization" label={t("cpuUtilization")} optional />
          <NumberField path="spec.autoscaling.memoryUtilization" label={t("memoryUtilization")} optional />
        </div>
      </Toggle>
      <Toggle id="toggle-cron" label={t("scheduledScaling")} checked={!!scheduled} onChange={(v) => setValue("spec.scheduledScaling", v ? { jobs: [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 4 }], excludeDates: [] } : undefined)}>
        <CloudOnlyNote feature="scheduledScaling" />
        <TextField path="spec.scheduledScaling.name" label={t("scheduledName")} optional placeholder={t("appNamePlaceholder")} mono />
        <CronJobs />
        <ListField path="spec.scheduledScaling.excludeDates" label={t("excludeDates")} hint={t("excludeDatesHint")} />
      </Toggle>
    </Section>
  );
}

function PolicySection() {
  const t = useTranslations("wizard.advanced");
  const { setValue } = useWizardForm();
  const strategy = useSpec("updateStrategy");
  const retention = useSpec("pvcRetentionPolicy");
  return (
    <Section title={t("policies")} description={t("policiesHelp")}>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField path="spec.podManagementPolicy" label={t("podManagement")} options={[{ value: "OrderedReady", label: t("orderedReady") }, { value: "Parallel", label: "Parallel" }]} />
        <SelectField path="spec.updateStrategy.type" label={t("updateStrategy")} options={["RollingUpdate", "OnDelete"]} onValue={(t) => setValue("spec.updateStrategy", t === "OnDelete" ? { type: "OnDelete" } : { type: "RollingUpdate" })} />
        {strategy?.type === "RollingUpdate" ? <NumberField path="spec.updateStrategy.partition" label={t("partition")} optional hint={t("partitionHint")} /> : null}
      </div>
      <Toggle id="toggle-retention" label={t("retention")} checked={!!retention} onChange={(v) => setValue("spec.pvcRetentionPolicy", v ? { whenDeleted: "Retain", whenScaled: "Retain" } : undefined)}>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField path="spec.pvcRetentionPolicy.whenDeleted" label={t("whenDeleted")} options={["Retain", "Delete"]} />
          <SelectField path="spec.pvcRetentionPolicy.whenScaled" label={t("whenScaled")} options={["Retain", "Delete"]} />
        </div>
      </Toggle>
    </Section>
  );
}

export function StepAdvanced() {
  const t = useTranslations("wizard.advanced");
  return (
    <div className="space-y-4">
      <ServiceSection />
      <IngressSection />
      <ScalingSection />
      <Section title={t("podMetadata")} description={t("podMetadataHelp")}>
        <MetadataMaps labels="spec.podLabels" annotations="spec.podAnnotations" what="Pod" />
      </Section>
      <PolicySection />
    </div>
  );
}
