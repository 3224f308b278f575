"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { MAX_APP_NAME } from "@/lib/manifests";
import { Section, SelectField, TextField, Toggle } from "./fields";
import { CloudOnlyNote } from "./cloud-note";
import { MapField } from "./kv-rows";
import { ReplicasField } from "./replicas-field";
import { IdentityFacts } from "./statefulset-facts";
import type { WizardValues } from "./types";

export function StepBasic() {
  const { setValue } = useFormContext<WizardValues>();
  const cloud = useWatch<WizardValues, "spec.cloud">({ name: "spec.cloud" });
  return (
    <div className="space-y-4">
      <Section title="Application" description="A StatefulSet: pods with stable names, storage and network identity.">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="spec.name" label="Application name" hint={`Lowercase letters, digits and '-', at most ${MAX_APP_NAME} characters.`} mono />
          <ReplicasField />
        </div>
        <p className="text-sm text-slate-600">
          Workload type: <strong>StatefulSet</strong>
        </p>
        <IdentityFacts />
      </Section>
      <Section title="Labels and annotations" description="Put on the StatefulSet (Berth adds app.kubernetes.io/* labels).">
        <MapField path="spec.labels" label="Labels" />
        <MapField path="spec.annotations" label="Annotations" />
      </Section>
      <Section title="Instance profile" description="For Alibaba Cloud ACS clusters (the Alibaba Cloud profile): the compute class and QoS of each pod, rendered as pod labels. Other clusters ignore them.">
        <Toggle id="toggle-cloud" label="Set instance type and QoS" checked={!!cloud} onChange={(on) => setValue("spec.cloud", on ? { instanceType: "general-purpose", qos: "default" } : undefined, { shouldDirty: true })}>
          <CloudOnlyNote feature="instanceProfile" />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField path="spec.cloud.instanceType" label="Instance type" options={["general-purpose", "performance"]} />
            <SelectField path="spec.cloud.qos" label="QoS type" options={["default", "best-effort"]} hint="Performance instances allow only default." />
          </div>
        </Toggle>
      </Section>
    </div>
  );
}
