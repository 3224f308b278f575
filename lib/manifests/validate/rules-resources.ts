import type { Container } from "../model/container";
import { field, rule, type IssueList, type IssuePath } from "./issue-list";
import { checkQualifiedName } from "./k8s-names";
import { compareQuantities, isQuantity } from "./quantity";

/** Quantity syntax, non-negative values, and request ≤ limit per resource. */
export function checkResources(list: IssueList, res: Container["resources"], path: IssuePath): void {
  for (const side of ["requests", "limits"] as const) {
    for (const [name, qty] of Object.entries(res[side])) {
      const at = [...path, side, name];
      list.check(at, checkQualifiedName(name), field("resourceNameLower"));
      if (!isQuantity(qty)) list.add(at, rule("notQuantity", { value: qty }));
      else if (qty.startsWith("-")) list.add(at, rule("notNegative"));
    }
  }
  for (const [name, request] of Object.entries(res.requests)) {
    const limit = res.limits[name];
    if (limit === undefined) continue;
    const order = compareQuantities(request, limit);
    if (order !== null && order > 0) list.add([...path, "requests", name], rule("requestOverLimit", { request, limit }));
  }
}
