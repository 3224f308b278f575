"use client";
import { useTranslations } from "next-intl";
import { defaultContainer } from "@/lib/manifests/model/defaults";
import { type Container } from "@/lib/manifests/model/container";
import { ContainerCard } from "./container-card";
import { FieldMessage, Section } from "./fields";
import { AddButton } from "./row-fields";
import { ListField } from "./list-field";
import { dropBindings } from "./bindings";
import { useFieldArray, useWizardForm } from "./form-hooks";
import { ClaimTemplates, PodVolumes } from "./volume-rows";
import type { Binding } from "./types";

export function StepContainers() {
  const t = useTranslations("wizard.containers");
  const { get, setValue } = useWizardForm();
  const main = useFieldArray("spec.containers");
  const init = useFieldArray("spec.initContainers");
  const forget = (list: "containers" | "initContainers", i: number) => setValue("bindings", dropBindings(get<Binding[]>("bindings"), list, i));
  const move = (from: "containers" | "initContainers", i: number) => {
    const c = get<Container>(`spec.${from}.${i}`);
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
      {init.keys.map((key, i) => (
        <ContainerCard key={key} base={`spec.initContainers.${i}`} index={i} init onRemove={() => { forget("initContainers", i); init.remove(i); }} onToggleInit={() => move("initContainers", i)} canRemove />
      ))}
      {main.keys.map((key, i) => (
        <ContainerCard key={key} base={`spec.containers.${i}`} index={i} init={false} onRemove={() => { forget("containers", i); main.remove(i); }} onToggleInit={() => move("containers", i)} canRemove={main.keys.length > 1} />
      ))}
      <FieldMessage path="spec.containers" />
      <div className="flex gap-2">
        <AddButton onClick={() => main.append({ ...defaultContainer(`app-${main.keys.length + 1}`, "busybox:1.36"), ports: [] })}>{t("addContainer")}</AddButton>
        <AddButton onClick={() => init.append({ ...defaultContainer(`init-${init.keys.length + 1}`, "busybox:1.36"), ports: [], command: ["sh", "-c", "echo ready"] })}>{t("addInit")}</AddButton>
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
