import { describe, expect, it } from "vitest";
import { chooseLocale, negotiateLocale } from "./locales";

describe("choosing the console language", () => {
  it("reads Accept-Language by q-value, Simplified Chinese tags → zh-CN", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("fr-FR, en-GB;q=0.7, zh;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(negotiateLocale("en-US,zh-CN;q=0.5")).toBe("en");
    expect(negotiateLocale("zh-TW, fr")).toBeNull();
    expect(negotiateLocale("zh-CN;q=0, en;q=0.1")).toBe("en");
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(`${"x,".repeat(5000)}zh-CN`)).toBeNull(); // cut to 512 characters
  });

  it("the saved choice wins, then the browser, then English", () => {
    expect(chooseLocale("en", "zh-CN")).toBe("en");
    expect(chooseLocale(null, "zh-CN")).toBe("zh-CN");
    expect(chooseLocale("klingon", "fr")).toBe("en");
    expect(chooseLocale(undefined, undefined)).toBe("en");
  });
});
