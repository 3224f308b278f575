import { describe, expect, it } from "vitest";
import { auditEventsFor, newUser } from "@/scripts/test-support/fixtures";
import { setMyLocale } from "./account-language";
import { db } from "./db";
import { AppError } from "./errors";

describe("the account menu's language", () => {
  it("is saved on the user and audited as account.language (from → to)", async () => {
    const user = await newUser("lang-choice");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
    await setMyLocale(user.id, "zh-CN");
    await setMyLocale(user.id, "en");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    const events = (await auditEventsFor(null, "account.language")).filter((e) => e.actorId === user.id);
    expect(events.map((e) => e.summary)).toEqual([
      { from: "browser", to: "zh-CN" },
      { from: "zh-CN", to: "en" },
    ]);
  });

  it("refuses a language that is not offered, changing nothing", async () => {
    const user = await newUser("lang-refused");
    const error = await setMyLocale(user.id, "fr").catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    expect((error as AppError).message).toBe("That language is not offered.");
    expect((error as AppError).msg).toEqual({ key: "errors.unknownLanguage" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
  });
});
