import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { defaultAppSpec, validateAppSpec } from "@/lib/manifests";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import { english } from "./english";
import { formatMsg, type Translate } from "./message";

// lib/manifests returns message keys and values; the app formats them in the reader's language,
// the API and the CLI in English (english(), the same text as the issue's `message`).
const zhT = createTranslator({ locale: "zh-CN", messages: zh, timeZone: "UTC" }) as unknown as Translate;
const enT = createTranslator({ locale: "en", messages: en, timeZone: "UTC" }) as unknown as Translate;

function issuesOf(spec: unknown) {
  const r = validateAppSpec(spec);
  if (r.ok) throw new Error("expected issues");
  return r.issues;
}

describe("validation messages in both languages", () => {
  const spec = defaultAppSpec("nginx") as unknown as Record<string, unknown> & { containers: { image: string; ports: { containerPort: number }[] }[] };
  spec.name = "Bad_Name";
  spec.containers[0].image = "";
  spec.containers[0].ports[0].containerPort = 70000;
  const issues = issuesOf(spec);

  it("each converted rule carries a key whose English is exactly the issue's message", () => {
    for (const issue of issues) if (issue.msg) expect(english(issue.msg)).toBe(issue.message);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["name", "Application name must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit"],
      ["containers.0.image", "Image is required"],
      ["containers.0.ports.0.containerPort", "Container port must be a port number between 1 and 65535"],
    ]);
    for (const issue of issues) expect(formatMsg(enT, issue.msg!)).toBe(issue.message);
  });

  it("the same issues read in Chinese with the seed's field names", () => {
    expect(issues.map((i) => formatMsg(zhT, i.msg!))).toEqual([
      "应用名称只能包含小写字母、数字和 '-'，以字母开头，以字母或数字结尾",
      "镜像名称为必填项",
      "容器端口必须是介于 1~65535 的端口号",
    ]);
  });

  it("zod's shape messages are keys too", () => {
    const [issue] = issuesOf({ ...defaultAppSpec("web"), replicas: "two" });
    expect(issue).toMatchObject({ path: "replicas", message: "must be a number" });
    expect(formatMsg(zhT, issue.msg!)).toBe("必须是数字");
  });
});
