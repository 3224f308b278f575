import { createTranslator } from "use-intl/core";
import { z } from "zod";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as templateRoute } from "@/app/api/v1/templates/[template]/route";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import { callApi, newToken } from "@/scripts/test-support/api-client";
import { newTeam } from "@/scripts/test-support/fixtures";
import { runAction } from "./action";
import { registerCluster } from "./clusters";

// One converted refusal of the data layer on the real database, read three ways: a server action
// in Chinese, the same in English, and the REST API (always English, word for word as before).
let locale: "en" | "zh-CN" = "zh-CN";
vi.mock("next-intl/server", () => ({
  getTranslations: async () => createTranslator({ locale, messages: locale === "en" ? en : zh, timeZone: "UTC" }),
}));

let team: Awaited<ReturnType<typeof newTeam>>;
beforeAll(async () => {
  team = await newTeam("user-messages");
  await registerCluster(team.ctx, { name: "prod", description: "", profile: "generic" });
});

const registerAgain = () => runAction(z.object({}), {}, () => registerCluster(team.ctx, { name: "prod", description: "", profile: "generic" }));

describe("a data-layer refusal", () => {
  it("reaches a Chinese reader in Chinese through the server action, with its field error", async () => {
    locale = "zh-CN";
    expect(await registerAgain()).toMatchObject({ ok: false, message: "此团队中已注册了名为“prod”的集群。", fieldErrors: { name: ["该名称在您的团队中已被使用。"] } });
  });

  it("reads as before in English", async () => {
    locale = "en";
    expect(await registerAgain()).toMatchObject({ ok: false, message: 'A cluster named "prod" is already registered in this team.', fieldErrors: { name: ["This name is taken in your team."] } });
  });

  it("stays English in the API's problem body, word for word", async () => {
    const { secret } = await newToken(team.ctx, "viewer");
    const answer = await callApi(templateRoute, { token: secret, params: { template: "no-such-template" } });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ code: "not_found", detail: 'A template named "no-such-template" was not found, or you cannot see it.' });
  });
});
