"use client";
import { useTranslations } from "next-intl";
import { lazy, Suspense, type ReactNode } from "react";
import { MAX_APP_NAME } from "@/lib/manifests/app-name-limit";
import { Section, SelectField, TextField, Toggle } from "./fields";
import { useWatch, useWizardForm } from "./form-hooks";
import { MapField } from "./kv-rows";
import { ReplicasField } from "./replicas-field";

/** `facts`: the StatefulSet facts (the server's until the wizard's first touch, then live ones). */
// Shown once the instance profile is switched on: it loads with the rest of the wizard (later.ts).
const CloudOnlyNote = lazy(() => import("./later").then((m) => ({ default: m.CloudOnlyNote })));

export function StepBasic({ facts }: { facts: ReactNode }) {
  const t = useTranslations("wizard.basic");
  const { setValue } = useWizardForm();
  const cloud = useWatch("spec.cloud");
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
        {facts}
      </Section>
      <Section title={t("labelsAndAnnotations")} description={t("labelsHelp")}>
        <MapField path="spec.labels" label={t("labels")} />
        <MapField path="spec.annotations" label={t("annotations")} />
      </Section>
      <Section title={t("instanceProfile")} description={t("instanceProfileHelp")}>
        <Toggle id="toggle-cloud" label={t("setInstance")} checked={!!cloud} onChange={(on) => setValue("spec.cloud", on ? { instanceType: "general-purpose", qos: "default" } : undefined)}>
          <Suspense fallback={null}>
            <CloudOnlyNote feature="instanceProfile" />
          </Suspense>
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
