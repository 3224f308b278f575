"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { managedReplicas } from "@/lib/manifests/model/managed-replicas";
import type { AppSpec } from "@/lib/manifests/model/app-spec";
import { NumberField } from "./fields";
import { useWatch, type WizardForm } from "./form-hooks";
import { ParamToggle } from "./param-toggle";
import type { Binding } from "./types";

// With metric or scheduled scaling on, the autoscaler owns the replica count: the StatefulSet is
// deployed without spec.replicas, and the model keeps `replicas` at the count that applies
// (the HPA's minimum, or 1 with scheduled scaling only). The field shows that, read-only.
function useScaling(form?: WizardForm) {
  const autoscaling = useWatch<AppSpec["autoscaling"]>("spec.autoscaling", form);
  const scheduledScaling = useWatch<AppSpec["scheduledScaling"]>("spec.scheduledScaling", form);
  const replicas = useWatch<number>("spec.replicas", form);
  const managed = managedReplicas({ autoscaling, scheduledScaling });
  return { autoscaling, scheduledScaling, replicas, managed: Number.isInteger(managed) ? managed : undefined };
}

/** Keeps `spec.replicas` equal to the managed count, on every step (called once, by the wizard). */
export function useManagedReplicasSync(form: WizardForm): void {
  const { managed, replicas } = useScaling(form);
  useEffect(() => {
    if (managed !== undefined && replicas !== managed) form.setValue("spec.replicas", managed, { validate: true });
  }, [managed, replicas, form]);
}

type T = ReturnType<typeof useTranslations<"wizard.replicas">>;

export function managedNote(t: T, autoscaling: AppSpec["autoscaling"], scheduled: AppSpec["scheduledScaling"]): string {
  if (autoscaling) return t("byAutoscaler", { min: autoscaling.minReplicas, max: autoscaling.maxReplicas, schedule: scheduled ? "yes" : "no" });
  const sizes = (scheduled?.jobs ?? []).map((j) => j.targetSize).join(", ");
  return sizes ? t("bySchedule", { sizes }) : t("byScheduleNoSize");
}

export function ReplicasField() {
  const t = useTranslations("wizard.replicas");
  const { autoscaling, scheduledScaling, managed } = useScaling();
  const bound = (useWatch<Binding[] | undefined>("bindings") ?? []).some((b) => b.path === "replicas");
  const toggle = <ParamToggle path="spec.replicas" suggested="replicas" type="integer" label={t("paramLabel")} />;
  if (managed === undefined) return <NumberField path="spec.replicas" label={t("label")} hint={t("hint")} after={toggle} />;
  return <NumberField path="spec.replicas" label={t("label")} readOnly hint={managedNote(t, autoscaling, scheduledScaling)} after={bound ? toggle : null} />;
}
