import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS } from "@/lib/audit/export-format";
import { parseReviewFilter, type ReviewFilter } from "@/lib/audit/review-filter";
import { decodeCursor } from "@/lib/audit/review-sql";
import { addMember, auditEventsFor, newTeam } from "@/scripts/test-support/fixtures";
import { recordAuditAlone, type AuditInput } from "./audit";
import { openAuditExport } from "./audit-export";
import { auditEventBatches, getAuditEvent, listAuditEvents } from "./audit-query";
import { verifyTeamChain } from "./audit-verify";
import type { Ctx } from "./authz";

const context = { ip: "198.51.100.7", userAgent: "vitest", requestId: "req-q" };
const who = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });
const record = (input: AuditInput) => recordAuditAlone({ context, ...input });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every event of a filter, walking the list's keyset pages. */
async function walk(ctx: Ctx, filter: ReviewFilter, limit: number) {
  const ids: string[] = [];
  let before: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listAuditEvents(ctx, filter, { before: decodeCursor(before) }, limit);
    ids.push(...page.events.map((e) => e.id));
    if (!page.older) break;
    before = page.older;
  }
  return ids;
}

/** A small RFC 4180 reader, enough to check what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

async function exportText(ctx: Ctx, filter: ReviewFilter, format: "csv" | "json", batch = 3) {
  return new Response(await openAuditExport(ctx, filter, format, batch)).text();
}

async function fixture() {
  const t = await newTeam("review");
  const alice = await addMember(t.teamId, "member", "alice");
  const bob = await addMember(t.teamId, "member", "bob");
  const vera = await addMember(t.teamId, "viewer", "vera");
  const cluster = { id: "c-1", name: "prod-eu" };
  const ids = {
    aliceTemplate: await record({ action: "template.create", actor: who(alice.user), teamId: t.teamId, target: { type: "template", id: "tpl-a", name: "alice-redis" } }),
    bobTemplate: await record({ action: "template.create", actor: who(bob.user), teamId: t.teamId, target: { type: "template", id: "tpl-b", name: "bob-kafka" } }),
    bobDeploy: await record({
      action: "deploy.apply", actor: who(bob.user), teamId: t.teamId, target: { type: "deployment", id: "dep-1", name: "kafka" }, cluster, namespace: "data",
      summary: { deploymentId: "dep-1" },
    }),
    bobFailedDeploy: await record({
      action: "deploy.apply", actor: who(bob.user), teamId: t.teamId, target: { type: "deployment", id: "dep-2", name: "kafka" }, cluster, namespace: "staging",
      result: "failure", reason: "forbidden: statefulsets",
    }),
    aliceSignIn: await record({ action: "auth.sign_in", actor: who(alice.user), target: { type: "user", id: alice.user.id, name: alice.user.email } }),
    bobSignIn: await record({ action: "auth.sign_in", actor: who(bob.user), target: { type: "user", id: bob.user.id, name: bob.user.email } }),
  };
  return { ...t, alice, bob, vera, ids: Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, v.toString()])) as Record<keyof typeof ids, string> };
}

describe("audit review: visibility", () => {
  it("owners see the team's chain and the sign-ins of its members, not other teams' events", async () => {
    const f = await fixture();
    const other = await newTeam("elsewhere");
    const outsider = await record({ action: "auth.sign_in", actor: who(other.owner) });
    // alice pokes at the other team: her denied attempt (chain "global") is hers, not her team's
    await expect(listAuditEvents({ userId: f.alice.user.id, teamId: other.teamId }, {})).rejects.toThrow(/not a member/);
    const denied = (await auditEventsFor(null, "authz.denied")).filter((e) => e.actorId === f.alice.user.id).map((e) => e.id.toString());
    expect(denied).toHaveLength(1);
    const seen = await walk(f.ctx, {}, 100);
    expect(seen).toEqual(expect.arrayContaining(Object.values(f.ids)));
    expect(seen).not.toContain(outsider.toString());
    expect(seen).not.toContain(denied[0]);
    expect(await walk(f.alice.ctx, { action: "authz.denied" }, 100)).toEqual(denied);
    expect((await listAuditEvents(f.ctx, {})).scope).toBe("team");
    // and the other team's owner sees nothing of this team, by list or by id
    const theirs = await walk(other.ctx, {}, 100);
    expect(theirs.filter((id) => Object.values(f.ids).includes(id))).toEqual([]);
    await expect(getAuditEvent(other.ctx, f.ids.bobDeploy)).rejects.toThrow(/not found/);
  });

  it("a member sees their own events and the team's deploys, not another member's template events", async () => {
    const f = await fixture();
    const seen = (await listAuditEvents(f.alice.ctx, {})).events;
    // her own sign-up (chain "global") is hers too
    expect(seen.filter((e) => e.action === "auth.sign_up").map((e) => e.actorId)).toEqual([f.alice.user.id]);
    const rest = seen.filter((e) => e.action !== "auth.sign_up").map((e) => e.id);
    expect(rest.sort()).toEqual([f.ids.aliceTemplate, f.ids.bobDeploy, f.ids.bobFailedDeploy, f.ids.aliceSignIn].sort());
    expect((await listAuditEvents(f.alice.ctx, {})).scope).toBe("own");
    await expect(getAuditEvent(f.alice.ctx, f.ids.bobTemplate)).rejects.toThrow(/not found/);
    await expect(getAuditEvent(f.alice.ctx, f.ids.bobSignIn)).rejects.toThrow(/not found/);
    expect(await getAuditEvent(f.alice.ctx, f.ids.bobDeploy)).toMatchObject({ action: "deploy.apply", summary: { deploymentId: "dep-1" } });
  });

  it("a viewer sees only the team's deploy events when they did nothing themselves", async () => {
    const f = await fixture();
    const seen = (await listAuditEvents(f.vera.ctx, {})).events;
    expect(seen.map((e) => (e.action === "auth.sign_up" ? e.actorId : e.id))).toEqual([f.ids.bobFailedDeploy, f.ids.bobDeploy, f.vera.user.id]);
    // filtering cannot widen the scope
    expect(await walk(f.vera.ctx, { actor: f.bob.user.email }, 100)).toEqual([f.ids.bobFailedDeploy, f.ids.bobDeploy]);
    expect(await walk(f.vera.ctx, { action: "template.create" }, 100)).toEqual([]);
  });

  it("someone outside the team gets 'not a member', and garbage ids are not found", async () => {
    const f = await fixture();
    const stranger = await newTeam("stranger");
    await expect(listAuditEvents({ userId: stranger.owner.id, teamId: f.teamId }, {})).rejects.toThrow(/not a member/);
    await expect(getAuditEvent(f.ctx, "12abc")).rejects.toThrow(/not found/);
    await expect(getAuditEvent(f.ctx, "999999999999")).rejects.toThrow(/not found/);
  });
});

describe("audit review: filters", () => {
  it("filters by actor, action, target, cluster, namespace and result", async () => {
    const f = await fixture();
    const list = async (filter: ReviewFilter) => (await listAuditEvents(f.ctx, filter)).events.map((e) => e.id);
    expect(await list({ actor: f.alice.user.email, action: "template.create" })).toEqual([f.ids.aliceTemplate]);
    expect((await list({ actor: f.alice.user.email })).slice(0, 2)).toEqual([f.ids.aliceSignIn, f.ids.aliceTemplate]); // then her sign-up
    expect(await list({ actor: "nobody@nowhere.test" })).toEqual([]);
    expect(await list({ action: "deploy.apply" })).toEqual([f.ids.bobFailedDeploy, f.ids.bobDeploy]);
    expect(await list({ action: "auth.sign_in", actor: f.bob.user.email })).toEqual([f.ids.bobSignIn]);
    expect(await list({ target: "KAFKA" })).toEqual([f.ids.bobFailedDeploy, f.ids.bobDeploy, f.ids.bobTemplate]);
    expect(await list({ target: "tpl-a" })).toEqual([f.ids.aliceTemplate]);
    expect(await list({ targetType: "template" })).toEqual([f.ids.bobTemplate, f.ids.aliceTemplate]);
    expect(await list({ target: "%" })).toEqual([]); // LIKE wildcards are literal
    expect(await list({ cluster: "prod-eu" })).toEqual([f.ids.bobFailedDeploy, f.ids.bobDeploy]);
    expect(await list({ cluster: "c-1", namespace: "data" })).toEqual([f.ids.bobDeploy]);
    expect(await list({ result: "failure" })).toEqual([f.ids.bobFailedDeploy]);
    const failed = (await listAuditEvents(f.ctx, { result: "failure" })).events[0];
    expect(failed).toMatchObject({ reason: "forbidden: statefulsets", actorEmail: f.bob.user.email, clusterName: "prod-eu", namespace: "staging" });
  });

  it("a target search matches the id exactly or a substring of the name (any case, wildcards literal), in the caller's team only", async () => {
    const t = await newTeam("search");
    const other = await newTeam("search-other");
    const event = (teamId: string, id: string, name: string) =>
      record({ action: "template.create", actor: who(t.owner), teamId, target: { type: "template", id, name } }).then(String);
    const e = {
      exact: await event(t.teamId, "t1", "app-4242"),
      upper: await event(t.teamId, "t2", "APP-4242-canary"),
      inside: await event(t.teamId, "t3", "old-app-42420"),
      wordsOnly: await event(t.teamId, "t4", "app 4242"), // the words without the dash: not a substring
      otherNumber: await event(t.teamId, "t5", "app-4243"),
      byId: await event(t.teamId, "app-4242", "renamed"),
      idPrefix: await event(t.teamId, "app-42420", "something"),
      wildcards: await event(t.teamId, "t6", "50%_off-app"),
      wildcardLookalike: await event(t.teamId, "t7", "50xyoff-app"),
      unicode: await event(t.teamId, "t8", "Zürich-Ärzte-7"),
      otherTeam: await event(other.teamId, "t1", "app-4242"),
    };
    const search = async (target: string) => new Set((await listAuditEvents(t.ctx, { target })).events.map((x) => x.id));
    expect(await search("app-4242")).toEqual(new Set([e.exact, e.upper, e.inside, e.byId]));
    expect(await search("APP-4242-CAN")).toEqual(new Set([e.upper]));
    expect(await search("4242")).toEqual(new Set([e.exact, e.upper, e.inside, e.wordsOnly]));
    expect(await search("50%_off")).toEqual(new Set([e.wildcards]));
    expect(await search("zürich-ärzte")).toEqual(new Set([e.unicode]));
    expect(await search("app-42420")).toEqual(new Set([e.inside, e.idPrefix]));
    expect(await search("p-4")).toEqual(new Set([e.exact, e.upper, e.inside, e.otherNumber]));
  });

  it("filters by time range (from inclusive, to exclusive) and parses URL filters", async () => {
    const t = await newTeam("timed");
    const at = async () => {
      await pause(15);
      const d = new Date();
      await pause(15);
      return d;
    };
    const early = await record({ action: "template.create", actor: who(t.owner), teamId: t.teamId });
    const from = await at();
    const mid1 = await record({ action: "template.create", actor: who(t.owner), teamId: t.teamId });
    const mid2 = await record({ action: "template.version", actor: who(t.owner), teamId: t.teamId });
    const to = await at();
    await record({ action: "template.archive", actor: who(t.owner), teamId: t.teamId });
    const ids = (await listAuditEvents(t.ctx, { from, to })).events.map((e) => e.id);
    expect(ids).toEqual([mid2.toString(), mid1.toString()]);
    expect((await listAuditEvents(t.ctx, { to: from })).events.map((e) => e.id)).toContain(early.toString());

    const parsed = parseReviewFilter(new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), action: "", result: "nope", actor: " ANA@X.TEST " }));
    expect(parsed.filter).toEqual({ from, to, actor: "ana@x.test" });
    expect(Object.keys(parsed.errors)).toEqual(["result"]);
    expect(parseReviewFilter({ from: "2026-01-31T09:30" }).filter.from?.toISOString()).toBe("2026-01-31T09:30:00.000Z");
  });
});

describe("audit review: keyset pagination", () => {
  it("walks older and newer pages without gaps or duplicates, even with concurrent writes", async () => {
    const t = await newTeam("pages");
    for (let i = 0; i < 22; i++) await record({ action: "deploy.plan", actor: who(t.owner), teamId: t.teamId, target: { type: "app", id: `a${i}` } });
    const all = (await listAuditEvents(t.ctx, {}, {}, 1000)).events.map((e) => e.id);
    expect(all.length).toBe(24); // + team.create (team chain) and the owner's sign-up (global chain)
    expect(all).toEqual([...all].sort((a, b) => Number(BigInt(b) - BigInt(a))));

    const pages: string[][] = [];
    let page = await listAuditEvents(t.ctx, {}, {}, 5);
    expect(page.newer).toBeUndefined();
    pages.push(page.events.map((e) => e.id));
    // an event written while paging appears on the first page, never in the middle of the walk
    await record({ action: "deploy.plan", actor: who(t.owner), teamId: t.teamId });
    while (page.older) {
      page = await listAuditEvents(t.ctx, {}, { before: decodeCursor(page.older) }, 5);
      pages.push(page.events.map((e) => e.id));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 4]);
    expect(pages.flat()).toEqual(all);

    // back up through "newer" links from the last page to the first
    const back: string[][] = [pages[pages.length - 1]];
    let cursor = page.newer;
    while (cursor) {
      const newer = await listAuditEvents(t.ctx, {}, { after: decodeCursor(cursor) }, 5);
      back.unshift(newer.events.map((e) => e.id));
      cursor = newer.newer;
    }
    expect(back.flat().slice(1)).toEqual(all); // the newest (written while paging) is first now
    expect(back.flat().length).toBe(25);
  });
});

describe("audit export", () => {
  it("streams exactly the filtered rows as CSV and JSON, in list order", async () => {
    const f = await fixture();
    for (let i = 0; i < 7; i++) await record({ action: "deploy.redeploy", actor: who(f.bob.user), teamId: f.teamId, target: { type: "deployment", id: `r${i}`, name: "kafka" } });
    for (const [ctx, filter] of [
      [f.ctx, {}],
      [f.ctx, { actor: f.bob.user.email, target: "kafka" }],
      [f.alice.ctx, {}],
      [f.ctx, { action: "auth.sign_out" }],
    ] as [Ctx, ReviewFilter][]) {
      const listed = await walk(ctx, filter, 4);
      const csv = parseCsv(await exportText(ctx, filter, "csv"));
      expect(csv[0]).toEqual([...EXPORT_COLUMNS]);
      expect(csv.slice(1).map((r) => r[0])).toEqual(listed);
      const json = JSON.parse(await exportText(ctx, filter, "json")) as Record<string, unknown>[];
      expect(json.map((r) => r.id)).toEqual(listed);
    }
    const json = JSON.parse(await exportText(f.ctx, { action: "deploy.apply", result: "success" }, "json"));
    expect(json).toEqual([
      expect.objectContaining({ id: f.ids.bobDeploy, actorEmail: f.bob.user.email, clusterName: "prod-eu", namespace: "data", summary: { deploymentId: "dep-1" }, ip: "198.51.100.7" }),
    ]);
    expect(json[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("escapes CSV cells and defuses spreadsheet formulas", async () => {
    const t = await newTeam("csv");
    const name = 'a "quoted", multi\nline name';
    await record({ action: "template.create", actor: who(t.owner), teamId: t.teamId, target: { type: "template", id: "=HYPERLINK(\"http://x\")", name }, reason: "@SUM(A1)" });
    const [header, row] = parseCsv(await exportText(t.ctx, { action: "template.create" }, "csv"));
    const cell = (c: string) => row[header.indexOf(c)];
    expect(cell("targetName")).toBe(name);
    expect(cell("targetId")).toBe("'=HYPERLINK(\"http://x\")");
    expect(cell("reason")).toBe("'@SUM(A1)");
    expect(JSON.parse(cell("summary"))).toEqual({});
  });

  it("refuses a non-member before any byte is streamed", async () => {
    const t = await newTeam("closed");
    const stranger = await newTeam("nosy");
    await expect(openAuditExport({ userId: stranger.owner.id, teamId: t.teamId }, {}, "csv")).rejects.toThrow(/not a member/);
    const batches = [];
    for await (const b of auditEventBatches(t.ctx, {}, 1)) batches.push(b.length);
    expect(batches).toEqual([1, 1]); // team.create and the owner's sign-up, one per batch
  });
});

describe("verify chain (the page's button)", () => {
  it("lets owners and admins verify their team's chain, records the check, and refuses members", async () => {
    const f = await fixture();
    const admin = await addMember(f.teamId, "admin");
    expect(await verifyTeamChain(admin.ctx)).toMatchObject({ chainKey: f.teamId, ok: true, checked: 5 }); // team.create + 4
    const [check] = (await listAuditEvents(f.ctx, { action: "audit.verify" })).events;
    expect(check).toMatchObject({ actorEmail: admin.user.email, result: "success", targetType: "audit-chain", targetId: f.teamId });
    expect(await verifyTeamChain(f.ctx)).toMatchObject({ ok: true, checked: 6 });

    await expect(verifyTeamChain(f.alice.ctx)).rejects.toThrow(/Only owners and admins/);
    const denied = (await listAuditEvents(f.ctx, { action: "authz.denied", actor: f.alice.user.email })).events;
    expect(denied).toHaveLength(1);
  });
});
