import { describe, expect, test } from "vitest";
import { validateAppSpec } from "../validate/validate-app-spec";
import { defaultAppSpec, defaultLifecycleHandler } from "./defaults";

describe("lifecycle hook defaults", () => {
  test("pre-stop is not a copy of the post-start command", () => {
    const post = defaultLifecycleHandler("postStart", "exec");
    const pre = defaultLifecycleHandler("preStop", "exec");
    expect(post).toEqual({ type: "exec", command: ["sh", "-c", "echo started"] });
    expect(pre.type).toBe("exec");
    expect(pre).not.toEqual(post);
    expect(JSON.stringify(pre)).not.toContain("started");
  });

  test("an HTTP hook calls the container's first port", () => {
    expect(defaultLifecycleHandler("preStop", "httpGet", "http")).toEqual({ type: "httpGet", path: "/", port: "http", scheme: "HTTP", headers: [] });
  });

  test("both defaults make a valid app", () => {
    for (const type of ["exec", "httpGet"] as const) {
      const spec = defaultAppSpec("web");
      spec.containers[0].lifecycle = { postStart: defaultLifecycleHandler("postStart", type, "http"), preStop: defaultLifecycleHandler("preStop", type, "http") };
      expect(validateAppSpec(spec)).toMatchObject({ ok: true });
    }
  });
});
