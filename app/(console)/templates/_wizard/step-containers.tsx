"use client";
import { useTranslations } from "next-intl";
import { useFieldArray, useFormContext } from "react-hook-form";
import { defaultContainer } from "@/lib/manifests/model/defaults";
import { type Container } from "@/lib/manifests/model/container";
import { ContainerCard } from "./container-card";
import { AddButton, FieldMessage, Section } from "./fields";
import { ListField } from "./kv-rows";
import { dropBindings } from "./bindings";
import { ClaimTemplates, PodVolumes } from "./volume-rows";
import type { WizardValues } from "./types";

export function StepContainers() {
  const t = useTranslations("wizard.containers");
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const main = useFieldArray({ control, name: "spec.containers" });
  const init = useFieldArray({ control, name: "spec.initContainers" });
  const forget = (list: "containers" | "initContainers", i: number) => setValue("bindings", dropBindings(getValues("bindings"), list, i));
  const move = (from: "containers" | "initContainers", i: number) => {
    const c = getValues(`spec.${from}.${i}`) as Container;
    forget(from, i);
    if (from === "containers") {
      main.remove(i);
      const { livenessProbe: _l, readinessProbe: _r, startupProbe: _s, ...rest } = c;
      init.append(rest);
    } else {
      init.remove(i);
      main.append(c);
    }
  };
  return (
    <div className="space-y-4">
      {init.fields.map((f, i) => (
        <ContainerCard key={f.id} base={`spec.initContainers.${i}`} index={i} init onRemove={() => { forget("initContainers", i); init.remove(i); }} onToggleInit={() => move("initContainers", i)} canRemove />
      ))}
      {main.fields.map((f, i) => (
        <ContainerCard key={f.id} base={`spec.containers.${i}`} index={i} init={false} onRemove={() => { forget("containers", i); main.remove(i); }} onToggleInit={() => move("containers", i)} canRemove={main.fields.length > 1} />
      ))}
      <FieldMessage path="spec.containers" />
      <div className="flex gap-2">
        <AddButton onClick={() => main.append({ ...defaultContainer(`app-${main.fields.length + 1}`, "busybox:1.36"), ports: [] })}>{t("addContainer")}</AddButton>
        <AddButton onClick={() => init.append({ ...defaultContainer(`init-${init.fields.length + 1}`, "busybox:1.36"), ports: [], command: ["sh", "-c", "echo ready"] })}>{t("addInit")}</AddButton>
      </div>
      <Section title={t("pullSecrets")} description={t("pullSecretsHelp")}>
        <ListField path="spec.imagePullSecrets" label={t("pullSecretNames")} />
      </Section>
      <Section title={t("perPodStorage")} description={t("perPodStorageHelp")}>
        <ClaimTemplates />
      </Section>
      <Section title={t("podVolumes")} description={t("podVolumesHelp")}>
        <PodVolumes />
      </Section>
    </div>
  );
}
