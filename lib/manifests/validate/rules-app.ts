import { isObj } from "../plain-object";
import type { AppSpec } from "../model/app-spec";
import { headlessServiceName, MAX_APP_NAME } from "../naming";
import type { IssueList } from "./issue-list";
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
  list.check(["name"], nameIssue, "Application name");
  if (nameIssue?.startsWith("must be at most"))
    list.add(["name"], "the StatefulSet controller appends a 10-character revision hash to the name in a pod label limited to 63 characters");
  checkLabels(list, spec.labels, ["labels"]);
  checkAnnotations(list, spec.annotations, ["annotations"]);
  checkLabels(list, spec.podLabels, ["podLabels"]);
  checkAnnotations(list, spec.podAnnotations, ["podAnnotations"]);
  if (spec.selector) checkLabels(list, spec.selector, ["selector"]);
  if (spec.cloud?.instanceType === "performance" && spec.cloud.qos === "best-effort")
    list.add(["cloud", "qos"], 'the performance instance type only allows the "default" QoS');
  if (spec.headlessServiceName !== undefined)
    list.check(["headlessServiceName"], checkDns1035Label(spec.headlessServiceName), "Headless Service name");
  spec.imagePullSecrets.forEach((s, i) => list.check(["imagePullSecrets", i], checkDns1123Subdomain(s), "Secret name"));
  const strategy = spec.updateStrategy;
  if (strategy.type === "RollingUpdate" && typeof strategy.maxUnavailable === "string" && !/^[0-9]{1,3}%$/.test(strategy.maxUnavailable))
    list.add(["updateStrategy", "maxUnavailable"], "must be a number of pods or a percentage such as 25%");
  if (spec.service && spec.service.name === headlessServiceName(spec))
    list.add(["service", "name"], `"${spec.service.name}" is the name of the app's headless Service; choose another`);
  const stsSpecExtra = spec.statefulSetExtra?.spec;
  if (isObj(stsSpecExtra)) checkExtraKeys(list, stsSpecExtra, STS_SPEC_KEYS, ["statefulSetExtra", "spec"]);
  checkExtraKeys(list, spec.podExtra, POD_SPEC_KEYS, ["podExtra"]);
  spec.extraObjects.forEach((o, i) => {
    const meta = o.metadata;
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string" || !isObj(meta) || typeof meta.name !== "string")
      list.add(["extraObjects", i], "each extra object needs apiVersion, kind and metadata.name");
  });
}
