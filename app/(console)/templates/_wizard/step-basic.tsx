"use client";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { MAX_APP_NAME } from "@/lib/manifests/naming";
import { Section, SelectField, TextField, Toggle } from "./fields";
import { CloudOnlyNote } from "./cloud-note";
import { MapField } from "./kv-rows";
import { ReplicasField } from "./replicas-field";
import { IdentityFacts } from "./statefulset-facts";
import type { WizardValues } from "./types";

export function StepBasic() {
  const t = useTranslations("wizard.basic");
  const { setValue } = useFormContext<WizardValues>();
  const cloud = useWatch<WizardValues, "spec.cloud">({ name: "spec.cloud" });
  return (
    <div className="space-y-4">
      <Section title={t("application")} description={t("applicationHelp")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField path="spec.name" label={t("appName")} hint={t("appNameHint", { max: MAX_APP_NAME })} mono />
          <ReplicasField />
        </div>
        <p className="text-sm text-slate-600">
          {t("workloadType")} <strong>StatefulSet</strong>
        </p>
        <IdentityFacts />
      </Section>
      <Section title={t("labelsAndAnnotations")} description={t("labelsHelp")}>
        <MapField path="spec.labels" label={t("labels")} />
        <MapField path="spec.annotations" label={t("annotations")} />
      </Section>
      <Section title={t("instanceProfile")} description={t("instanceProfileHelp")}>
        <Toggle id="toggle-cloud" label={t("setInstance")} checked={!!cloud} onChange={(on) => setValue("spec.cloud", on ? { instanceType: "general-purpose", qos: "default" } : undefined, { shouldDirty: true })}>
          <CloudOnlyNote feature="instanceProfile" />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              path="spec.cloud.instanceType"
              label={t("instanceType")}
              options={[
                { value: "general-purpose", label: t("generalPurpose") },
                { value: "performance", label: t("performance") },
              ]}
            />
            <SelectField path="spec.cloud.qos" label={t("qos")} options={["default", "best-effort"]} hint={t("qosHint")} />
          </div>
        </Toggle>
      </Section>
    </div>
  );
}
