import { describe, expect, it } from "vitest";
import { rulesAllow } from "./access-review";

// The rules a SelfSubjectRulesReview returns only ever answer "allowed" (anything else is asked
// as an access review): these cases pin that they never allow more than RBAC would.
const q = { verb: "patch", group: "apps", resource: "statefulsets", namespace: "shop" };

describe("rulesAllow", () => {
  it("allows what a rule names exactly or by wildcard", () => {
    expect(rulesAllow([{ verbs: ["get", "patch"], apiGroups: ["apps"], resources: ["statefulsets"] }], q)).toBe(true);
    expect(rulesAllow([{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], q)).toBe(true);
  });

  it("does not allow another verb, group or resource", () => {
    expect(rulesAllow([{ verbs: ["get"], apiGroups: ["apps"], resources: ["statefulsets"] }], q)).toBe(false);
    expect(rulesAllow([{ verbs: ["patch"], apiGroups: [""], resources: ["statefulsets"] }], q)).toBe(false);
    expect(rulesAllow([{ verbs: ["patch"], apiGroups: ["apps"], resources: ["statefulsets/scale"] }], q)).toBe(false);
    expect(rulesAllow([], q)).toBe(false);
  });

  it("never lets a rule limited to some names allow an unnamed question", () => {
    expect(rulesAllow([{ verbs: ["patch"], apiGroups: ["apps"], resources: ["statefulsets"], resourceNames: ["web"] }], q)).toBe(false);
    expect(rulesAllow([{ verbs: ["patch"], apiGroups: ["apps"], resources: ["statefulsets"], resourceNames: ["*"] }], q)).toBe(false);
  });

  it("ignores malformed or oversized rules from a hostile cluster", () => {
    expect(rulesAllow([{ verbs: "patch", apiGroups: ["apps"], resources: ["statefulsets"] } as never], q)).toBe(false);
    expect(rulesAllow([{ verbs: [...Array(600).fill("x"), "*"], apiGroups: ["*"], resources: ["*"] }], q)).toBe(false);
  });
});
