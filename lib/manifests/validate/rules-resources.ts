import type { Container } from "../model/container";
import type { IssueList, IssuePath } from "./issue-list";
import { checkQualifiedName } from "./k8s-names";
import { compareQuantities, isQuantity } from "./quantity";

/** Quantity syntax, non-negative values, and request ≤ limit per resource. */
export function checkResources(list: IssueList, res: Container["resources"], path: IssuePath): void {
  for (const side of ["requests", "limits"] as const) {
    for (const [name, qty] of Object.entries(res[side])) {
      const at = [...path, side, name];
      list.check(at, checkQualifiedName(name), "resource name");
      if (!isQuantity(qty)) list.add(at, `"${qty}" is not a quantity; use e.g. 500m or 0.5 for CPU, 256Mi or 1Gi for memory`);
      else if (qty.startsWith("-")) list.add(at, "must not be negative");
    }
  }
  for (const [name, request] of Object.entries(res.requests)) {
    const limit = res.limits[name];
    if (limit === undefined) continue;
    const order = compareQuantities(request, limit);
    if (order !== null && order > 0) list.add([...path, "requests", name], `request (${request}) must not exceed the limit (${limit})`);
  }
}
