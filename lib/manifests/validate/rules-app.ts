import { isObj } from "../plain-object";
import type { AppSpec } from "../model/app-spec";
import { headlessServiceName, MAX_APP_NAME } from "../naming";
import { field, rule, type IssueList } from "./issue-list";
import { checkDns1035Label, checkDns1123Subdomain } from "./k8s-names";
import { checkAnnotations, checkExtraKeys, checkLabels } from "./rules-metadata";

const STS_SPEC_KEYS = [
  "replicas", "selector", "template", "serviceName", "volumeClaimTemplates", "podManagementPolicy",
  "updateStrategy", "persistentVolumeClaimRetentionPolicy",
] as const;
const POD_SPEC_KEYS = ["containers", "initContainers", "volumes", "imagePullSecrets"] as const;

/** Step 1 fields, pod metadata, StatefulSet policies and the passthrough bags. */
export function checkAppBasics(list: IssueList, spec: AppSpec): void {
  const nameIssue = checkDns1035Label(spec.name, MAX_APP_NAME);
  list.check(["name"], nameIssue, field("appName"));
  if (nameIssue?.key === "manifests.rules.maxCharsHas") list.add(["name"], rule("revisionHash"));
  checkLabels(list, spec.labels, ["labels"]);
  checkAnnotations(list, spec.annotations, ["annotations"]);
  checkLabels(list, spec.podLabels, ["podLabels"]);
  checkAnnotations(list, spec.podAnnotations, ["podAnnotations"]);
  if (spec.selector) checkLabels(list, spec.selector, ["selector"]);
  if (spec.cloud?.instanceType === "performance" && spec.cloud.qos === "best-effort")
    list.add(["cloud", "qos"], rule("performanceQos"));
  if (spec.headlessServiceName !== undefined)
    list.check(["headlessServiceName"], checkDns1035Label(spec.headlessServiceName), field("headlessName"));
  spec.imagePullSecrets.forEach((s, i) => list.check(["imagePullSecrets", i], checkDns1123Subdomain(s), field("secretName")));
  const strategy = spec.updateStrategy;
  if (strategy.type === "RollingUpdate" && typeof strategy.maxUnavailable === "string" && !/^[0-9]{1,3}%$/.test(strategy.maxUnavailable))
    list.add(["updateStrategy", "maxUnavailable"], rule("maxUnavailable"));
  if (spec.service && spec.service.name === headlessServiceName(spec))
    list.add(["service", "name"], rule("headlessNameTaken", { name: spec.service.name }));
  const stsSpecExtra = spec.statefulSetExtra?.spec;
  if (isObj(stsSpecExtra)) checkExtraKeys(list, stsSpecExtra, STS_SPEC_KEYS, ["statefulSetExtra", "spec"]);
  checkExtraKeys(list, spec.podExtra, POD_SPEC_KEYS, ["podExtra"]);
  spec.extraObjects.forEach((o, i) => {
    const meta = o.metadata;
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string" || !isObj(meta) || typeof meta.name !== "string")
      list.add(["extraObjects", i], rule("extraObject"));
  });
}
