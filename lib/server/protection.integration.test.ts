import { describe, expect, it } from "vitest";
import { protectionInputSchema } from "@/lib/approvals/policy-input";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { AppError } from "./errors";
import { english } from "@/lib/i18n/english";
import { formatMsg, isMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { getProtection, mayApprove, protectionFor, removeProtection, setProtection } from "./protection";

// Protection policies: owners/admins set them, every change is audited with before/after, the
// form's input is checked at the edge (freeze windows, namespaces, approvers), and a policy
// narrowed to namespaces protects only those.
const parse = (v: Record<string, unknown>) => protectionInputSchema.safeParse({ approvalsRequired: "1", approvers: "managers", ...v });

describe("protection policies", () => {
  it("are set and removed by owners/admins only, audited with before and after, and narrowed to namespaces", async () => {
    const t = await newTeam("protect");
    const member = await addMember(t.teamId, "member");
    const admin = await addMember(t.teamId, "admin");
    const clusterId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
    const input = parse({ clusterId, namespaces: "shop, pay", freezeWindows: "Fri 16:00 - Mon 08:00 Asia/Shanghai", approvalsRequired: "2", approvers: "named", approverIds: [t.owner.id, admin.user.id] });
    expect(input.success).toBe(true);
    const policy = input.data!;
    await expect(setProtection(member.ctx, policy)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
    expect(await protectionFor(t.teamId, clusterId, "shop")).toBeNull();

    await setProtection(admin.ctx, policy);
    const view = await getProtection(member.ctx, clusterId);
    expect(view).toMatchObject({ namespaces: ["pay", "shop"], approvalsRequired: 2, approvers: "named", windowsText: ["Fri 16:00 – Mon 08:00 Asia/Shanghai"], updatedBy: admin.user.email, expiryHours: 24 });
    expect(await protectionFor(t.teamId, clusterId, "shop")).not.toBeNull();
    expect(await protectionFor(t.teamId, clusterId, "default")).toBeNull();
    const p = (await protectionFor(t.teamId, clusterId, "pay"))!;
    expect(mayApprove(p, { userId: admin.user.id, role: "admin" })).toBe(true);
    expect(mayApprove(p, { userId: member.user.id, role: "member" })).toBe(false);

    await setProtection(t.ctx, { ...policy, approvers: "managers", approverIds: [], approvalsRequired: 1, namespaces: [] });
    expect(await protectionFor(t.teamId, clusterId, "default")).not.toBeNull();
    await removeProtection(t.ctx, clusterId);
    expect(await getProtection(t.ctx, clusterId)).toBeNull();

    const events = await db().auditEvent.findMany({ where: { chainKey: t.teamId, action: { startsWith: "cluster.protection" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.action}:${e.result}:${e.actorEmail}`)).toEqual([
      `cluster.protection_set:success:${admin.user.email}`,
      `cluster.protection_set:success:${t.owner.email}`,
      `cluster.protection_remove:success:${t.owner.email}`,
    ]);
    expect(events[0].summary).toMatchObject({ before: null, after: { namespaces: ["pay", "shop"], approvalsRequired: 2, freezeWindows: ["Fri 16:00 – Mon 08:00 Asia/Shanghai"] } });
    expect(events[1].summary).toMatchObject({ before: { approvalsRequired: 2 }, after: { namespaces: "all", approvalsRequired: 1, approvers: "managers" } });
  });

  it("refuses named approvers who are not members (or are viewers), and bad input at the edge", async () => {
    const t = await newTeam("protect-bad");
    const viewer = await addMember(t.teamId, "viewer");
    const other = await newTeam("elsewhere");
    const clusterId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
    for (const id of [viewer.user.id, other.owner.id]) {
      const input = parse({ clusterId, approvers: "named", approverIds: [id] }).data!;
      await expect(setProtection(t.ctx, input)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "invalid" && !!e.fieldErrors.approverIds);
    }
    expect(await db().auditEvent.count({ where: { chainKey: t.teamId, action: "cluster.protection_set", result: "failure" } })).toBe(2);
    // The form's messages are catalogue keys (values in params.msg): here in English, as runAction words them for an English reader.
    const word = (i: { message: string; params?: { msg?: unknown } }) => (isMsg(i.params?.msg) ? english(i.params.msg) : english({ key: i.message }));
    const errors = (v: Record<string, unknown>) => parse({ clusterId, ...v }).error?.issues.map((i) => `${i.path.join(".")}: ${word(i as never)}`);
    expect(errors({ approvalsRequired: "4" })).toEqual(["approvalsRequired: Choose 1, 2 or 3."]);
    expect(errors({ approvers: "named", approvalsRequired: "2", approverIds: ["a"] })).toEqual([expect.stringMatching(/^approverIds: Name at least 2 approvers/)]);
    expect(errors({ freezeWindows: "Fri 16:00 - Mon 08:00 Mars/Base" })).toEqual([expect.stringMatching(/^freezeWindows: Line 1: "Mars\/Base" is not a time zone/)]);
    expect(errors({ namespaces: "Shop, ok" })).toEqual(["namespaces: Not a namespace name: Shop"]);
    expect(errors({ expiryHours: "0" })).toEqual(["expiryHours: Between 1 and 168 hours."]);
    // … and in Chinese through the form's action path (runAction).
    const zh = parse({ clusterId, freezeWindows: "Fri 16:00 - Mon 08:00 Mars/Base", approvalsRequired: "4" }).error!.issues.map((i) => {
      const carried = (i as { params?: { msg?: unknown } }).params?.msg;
      return formatMsg(strictTranslator("zh-CN"), isMsg(carried) ? carried : { key: i.message });
    });
    expect(zh).toEqual(["请选择 1、2 或 3。", "第 1 行：“Mars/Base”不是时区（请使用 IANA 名称，例如 Asia/Shanghai 或 UTC）。"]);
  });
});
