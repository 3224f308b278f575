import type { AppSpec } from "../model/app-spec";
import { IssueList, type RuleIssue } from "./issue-list";
import { checkAppBasics } from "./rules-app";
import { checkContainers } from "./rules-containers";
import { checkNetwork } from "./rules-network";
import { checkScaling } from "./rules-scaling";
import { checkStorage } from "./rules-storage";

/** Every cross-field rule a cluster would enforce, on a shape-checked spec. */
export function collectRuleIssues(spec: AppSpec): RuleIssue[] {
  const list = new IssueList();
  checkAppBasics(list, spec);
  checkContainers(list, spec);
  checkStorage(list, spec);
  checkNetwork(list, spec);
  checkScaling(list, spec);
  return list.issues;
}
