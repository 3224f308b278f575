"use client";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { headlessServiceName, type AppSpec } from "@/lib/manifests";
import { AddButton, CheckField, FieldMessage, NumberField, ROW, ROW_END, RemoveButton, Section, SelectField, TextField, Toggle } from "./fields";
import { INGRESS_CLASS_LIST } from "@/app/_components/pick-list-ids";
import { CloudOnlyNote } from "./cloud-note";
import { ListField, MapField } from "./kv-rows";
import { ParamToggle } from "./param-toggle";
import type { WizardValues } from "./types";

function useSpec<K extends keyof AppSpec>(key: K): AppSpec[K] {
  return useWatch<WizardValues>({ name: `spec.${key}` as never }) as AppSpec[K];
}

/** Labels and annotations of one object, one under the other (each row keeps its key beside its value). */
function MetadataMaps({ labels, annotations, what }: { labels: string; annotations: string; what: string }) {
  return (
    <div className="grid gap-3">
      <MapField path={labels} label={`${what} labels`} />
      <MapField path={annotations} label={`${what} annotations`} />
    </div>
  );
}

/** Field arrays live in components that mount with their section, so they start from its value. */
function ServicePorts({ type }: { type: string | undefined }) {
  const { control } = useFormContext<WizardValues>();
  const ports = useFieldArray({ control, name: "spec.service.ports" });
  return (
    <fieldset className="space-y-2">
      <legend className="label">Port mappings</legend>
      {ports.fields.map((f, i) => (
        <div key={f.id} className={ROW}>
          <TextField path={`spec.service.ports.${i}.name`} label="Name" optional mono />
          <NumberField path={`spec.service.ports.${i}.port`} label="Service port" />
          <NumberField path={`spec.service.ports.${i}.targetPort`} label="Container port" portOrName hint="Number or port name." />
          {type === "ClusterIP" ? (
            <SelectField path={`spec.service.ports.${i}.protocol`} label="Protocol" options={["TCP", "UDP", "SCTP"]} />
          ) : (
            <NumberField path={`spec.service.ports.${i}.nodePort`} label="Node port" optional />
          )}
          <TextField path={`spec.service.ports.${i}.appProtocol`} label="App protocol" optional placeholder="http, h2c, kubernetes.io/ws" mono />
          <div className={ROW_END}>
            <RemoveButton label={`Remove service port ${i + 1}`} onClick={() => ports.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => ports.append({ port: 80, targetPort: 80, protocol: "TCP" })}>Add port mapping</AddButton>
      <FieldMessage path="spec.service.ports" />
    </fieldset>
  );
}

function ServiceSection() {
  const { setValue, getValues } = useFormContext<WizardValues>();
  const service = useSpec("service");
  const name = useSpec("name");
  const headless = headlessServiceName({ name: name || "<name>", headlessServiceName: getValues("spec.headlessServiceName") });
  const on = (v: boolean) => {
    const first = getValues("spec.containers.0.ports.0");
    setValue("spec.service", v ? { name: `${name}-svc`, type: "ClusterIP", headless: false, ports: [{ name: first?.name || "http", port: first?.containerPort ?? 80, targetPort: first?.name || first?.containerPort || 80, protocol: "TCP" }], annotations: {}, labels: {} } : undefined, { shouldDirty: true });
  };
  return (
    <Section title="Service" description={`The headless Service ${headless} is always created (it gives the pods their stable hostnames). Add a Service to reach the app from inside or outside the cluster.`}>
      <Toggle id="toggle-service" label="Create a Service" checked={!!service} onChange={on}>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField path="spec.service.name" label="Service name" mono />
          <SelectField path="spec.service.type" label="Service type" options={["ClusterIP", "NodePort", "LoadBalancer"]} />
          {service?.type === "ClusterIP" ? (
            <div className="pt-6">
              <CheckField path="spec.service.headless" label="Headless (no cluster IP)" />
            </div>
          ) : (
            <SelectField path="spec.service.externalTrafficPolicy" label="External traffic policy" options={["Cluster", "Local"]} optional />
          )}
        </div>
        <ServicePorts type={service?.type} />
        <MetadataMaps labels="spec.service.labels" annotations="spec.service.annotations" what="Service" />
      </Toggle>
    </Section>
  );
}

function IngressPaths({ rule }: { rule: number }) {
  const { control, getValues } = useFormContext<WizardValues>();
  const paths = useFieldArray({ control, name: `spec.ingress.rules.${rule}.paths` });
  const values = useWatch<WizardValues, `spec.ingress.rules.${number}.paths`>({ name: `spec.ingress.rules.${rule}.paths` }) ?? [];
  return (
    <div className="space-y-2">
      {paths.fields.map((f, j) => {
        const p = `spec.ingress.rules.${rule}.paths.${j}`;
        return (
          <div key={f.id} className={ROW}>
            <TextField path={`${p}.path`} label="Path" mono />
            <SelectField path={`${p}.pathType`} label="Path type" options={["Prefix", "Exact", "ImplementationSpecific"]} />
            {values[j]?.resource ? (
              // A backend that is another resource (imported as written): kind and name, no Service.
              <>
                <TextField path={`${p}.resource.kind`} label="Backend resource kind" hint="Not a Service: routed to this resource." mono />
                <TextField path={`${p}.resource.name`} label="Backend resource name" mono />
              </>
            ) : (
              <>
                <TextField path={`${p}.serviceName`} label="Backend service" mono />
                <NumberField path={`${p}.servicePort`} label="Backend port" portOrName />
              </>
            )}
            <div className={ROW_END}>
              <RemoveButton label={`Remove path ${j + 1} of rule ${rule + 1}`} onClick={() => paths.remove(j)} />
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => paths.append({ path: "/", pathType: "Prefix", serviceName: getValues("spec.service.name") ?? "", servicePort: getValues("spec.service.ports.0.port") ?? 80 })}>Add path</AddButton>
    </div>
  );
}

function useBackend() {
  const { getValues } = useFormContext<WizardValues>();
  return () => ({ path: "/", pathType: "Prefix" as const, serviceName: getValues("spec.service.name") ?? `${getValues("spec.name")}-svc`, servicePort: getValues("spec.service.ports.0.port") ?? 80 });
}

function IngressRules() {
  const { control } = useFormContext<WizardValues>();
  const rules = useFieldArray({ control, name: "spec.ingress.rules" });
  const tls = useFieldArray({ control, name: "spec.ingress.tls" });
  const backend = useBackend();
  return (
    <>
      {rules.fields.map((f, i) => (
        <fieldset key={f.id} className="space-y-2 rounded-md bg-slate-50 p-2">
          <legend className="text-xs font-medium text-slate-600">Rule {i + 1}</legend>
          <div className="flex items-start gap-2">
            <TextField path={`spec.ingress.rules.${i}.host`} label="Host" optional placeholder="foo.bar.com" mono className="flex-1" after={<ParamToggle path={`spec.ingress.rules.${i}.host`} suggested="host" type="string" label="host" />} />
            <div className="pt-6">
              <RemoveButton label={`Remove rule ${i + 1}`} onClick={() => rules.remove(i)} />
            </div>
          </div>
          <IngressPaths rule={i} />
        </fieldset>
      ))}
      <AddButton onClick={() => rules.append({ host: "", paths: [backend()] })}>Add rule</AddButton>
      <FieldMessage path="spec.ingress.rules" />
      {tls.fields.map((f, i) => (
        <div key={f.id} className={ROW}>
          <TextField path={`spec.ingress.tls.${i}.secretName`} label="TLS secret" optional mono />
          <ListField path={`spec.ingress.tls.${i}.hosts`} label="TLS hosts" rows={1} />
          <div className={ROW_END}>
            <RemoveButton label={`Remove TLS ${i + 1}`} onClick={() => tls.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => tls.append({ hosts: [] })}>Add TLS</AddButton>
    </>
  );
}

function IngressSection() {
  const { setValue, getValues } = useFormContext<WizardValues>();
  const ingress = useSpec("ingress");
  const canary = ingress?.canary;
  const backend = useBackend();
  const on = (v: boolean) =>
    setValue("spec.ingress", v ? { name: `${getValues("spec.name")}-ingress`, rules: [{ host: "", paths: [backend()] }], tls: [], annotations: {}, labels: {} } : undefined, { shouldDirty: true });
  return (
    <Section title="Ingress" description="HTTP routing from outside the cluster to the Service (networking.k8s.io/v1).">
      <Toggle id="toggle-ingress" label="Create an Ingress" checked={!!ingress} onChange={on}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="spec.ingress.name" label="Ingress name" mono />
          <TextField path="spec.ingress.className" label="Ingress class" optional placeholder="nginx" list={INGRESS_CLASS_LIST} hint="Suggestions: the ingress classes of your clusters." />
        </div>
        <IngressRules />
        <Toggle id="toggle-canary" label="Canary release" checked={!!canary} onChange={(v) => setValue("spec.ingress.canary", v ? { weight: 10 } : undefined, { shouldDirty: true })}>
          <div className="grid gap-3 sm:grid-cols-3">
            <NumberField path="spec.ingress.canary.weight" label="Weight (%)" optional />
            <TextField path="spec.ingress.canary.header" label="By header" optional />
            <TextField path="spec.ingress.canary.headerValue" label="Header value" optional />
          </div>
        </Toggle>
        <MetadataMaps labels="spec.ingress.labels" annotations="spec.ingress.annotations" what="Ingress" />
      </Toggle>
    </Section>
  );
}

function CronJobs() {
  const { control } = useFormContext<WizardValues>();
  const jobs = useFieldArray({ control, name: "spec.scheduledScaling.jobs" });
  return (
    <>
      {jobs.fields.map((f, i) => (
        <div key={f.id} className={ROW}>
          <TextField path={`spec.scheduledScaling.jobs.${i}.name`} label="Job name" mono />
          <TextField path={`spec.scheduledScaling.jobs.${i}.schedule`} label="Schedule (cron)" hint="Seconds first, e.g. 0 0 8 * * *" mono />
          <NumberField path={`spec.scheduledScaling.jobs.${i}.targetSize`} label="Replicas" />
          <div className={ROW_END}>
            <CheckField path={`spec.scheduledScaling.jobs.${i}.runOnce`} label="Once" />
          </div>
          <div className={ROW_END}>
            <RemoveButton label={`Remove scaling job ${i + 1}`} onClick={() => jobs.remove(i)} />
          </div>
        </div>
      ))}
      <AddButton onClick={() => jobs.append({ name: `job-${jobs.fields.length + 1}`, schedule: "0 0 20 * * *", targetSize: 2 })}>Add job</AddButton>
    </>
  );
}

function ScalingSection() {
  const { setValue } = useFormContext<WizardValues>();
  const autoscaling = useSpec("autoscaling");
  const scheduled = useSpec("scheduledScaling");
  return (
    <Section title="Scaling" description="Metric scaling needs resource requests on the containers. While an autoscaler is on it manages the replica count: the StatefulSet is deployed without spec.replicas.">
      <Toggle id="toggle-hpa" label="Metric scaling (HorizontalPodAutoscaler)" checked={!!autoscaling} onChange={(v) => setValue("spec.autoscaling", v ? { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } : undefined, { shouldDirty: true })}>
        <TextField path="spec.autoscaling.name" label="Autoscaler name" optional placeholder="(the app's name)" mono hint="Keep an imported autoscaler's name, so deploying does not add a second one." />
        <div className="grid gap-3 sm:grid-cols-4">
          <NumberField path="spec.autoscaling.minReplicas" label="Min replicas" />
          <NumberField path="spec.autoscaling.maxReplicas" label="Max replicas" />
          <NumberField path="spec.autoscaling.cpuUtilization" label="CPU utilization %" optional />
          <NumberField path="spec.autoscaling.memoryUtilization" label="Memory utilization %" optional />
        </div>
      </Toggle>
      <Toggle id="toggle-cron" label="Scheduled scaling (CronHorizontalPodAutoscaler)" checked={!!scheduled} onChange={(v) => setValue("spec.scheduledScaling", v ? { jobs: [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 4 }], excludeDates: [] } : undefined, { shouldDirty: true })}>
        <CloudOnlyNote feature="scheduledScaling" />
        <TextField path="spec.scheduledScaling.name" label="Scheduled scaling name" optional placeholder="(the app's name)" mono />
        <CronJobs />
        <ListField path="spec.scheduledScaling.excludeDates" label="Excluded dates" hint="Cron-style dates to skip, one per line." />
      </Toggle>
    </Section>
  );
}

function PolicySection() {
  const { setValue } = useFormContext<WizardValues>();
  const strategy = useSpec("updateStrategy");
  const retention = useSpec("pvcRetentionPolicy");
  return (
    <Section title="StatefulSet policies" description="Scaling down keeps the per-pod volumes unless the retention policy says Delete.">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField path="spec.podManagementPolicy" label="Pod management" options={[{ value: "OrderedReady", label: "OrderedReady (one by one)" }, { value: "Parallel", label: "Parallel" }]} />
        <SelectField path="spec.updateStrategy.type" label="Update strategy" options={["RollingUpdate", "OnDelete"]} onValue={(t) => setValue("spec.updateStrategy", t === "OnDelete" ? { type: "OnDelete" } : { type: "RollingUpdate" })} />
        {strategy?.type === "RollingUpdate" ? <NumberField path="spec.updateStrategy.partition" label="Partition" optional hint="Only ordinals ≥ partition update." /> : null}
      </div>
      <Toggle id="toggle-retention" label="PVC retention policy" checked={!!retention} onChange={(v) => setValue("spec.pvcRetentionPolicy", v ? { whenDeleted: "Retain", whenScaled: "Retain" } : undefined, { shouldDirty: true })}>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField path="spec.pvcRetentionPolicy.whenDeleted" label="When the app is deleted" options={["Retain", "Delete"]} />
          <SelectField path="spec.pvcRetentionPolicy.whenScaled" label="When scaled down" options={["Retain", "Delete"]} />
        </div>
      </Toggle>
    </Section>
  );
}

export function StepAdvanced() {
  return (
    <div className="space-y-4">
      <ServiceSection />
      <IngressSection />
      <ScalingSection />
      <Section title="Pod labels and annotations" description="Put on every pod (spec.template.metadata).">
        <MetadataMaps labels="spec.podLabels" annotations="spec.podAnnotations" what="Pod" />
      </Section>
      <PolicySection />
    </div>
  );
}
