import { describe, expect, it } from "vitest";
import { groupDenials } from "./deployments-fields";

const obj = (denials: Array<{ verb: string; resource: string; namespace?: string }>) => ({ denials });

describe("groupDenials", () => {
  it("lists every denial once, grouped by namespace and verb", () => {
    const plan = {
      objects: [
        obj([{ verb: "create", resource: "services", namespace: "shop" }, { verb: "get", resource: "services", namespace: "shop" }]),
        obj([{ verb: "create", resource: "statefulsets", namespace: "shop" }, { verb: "get", resource: "statefulsets", namespace: "shop" }]),
        obj([{ verb: "create", resource: "services", namespace: "shop" }, { verb: "create", resource: "namespaces" }]),
      ],
    } as never;
    expect(groupDenials(plan)).toEqual([
      "you cannot create namespaces (cluster-wide)",
      "in namespace shop you cannot create: services, statefulsets",
      "in namespace shop you cannot get: services, statefulsets",
    ]);
    expect(groupDenials({ objects: [obj([])] } as never)).toEqual([]);
  });
});
