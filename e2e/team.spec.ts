import { expect, test, type Page } from "@playwright/test";
import { alerts, createInvitationLink, joinTeamAs, OWNER_STATE, signUp, uniqueEmail } from "./support/accounts";

test.describe("team membership", () => {
  test("an invited user joins as member and appears in the team", async ({ browser }) => {
    const { page, user } = await joinTeamAs(browser, "member", "newbie");
    await expect(page).toHaveURL(/\/templates/);
    await page.goto("/team");
    await expect(page.getByRole("row", { name: user.email })).toContainText("member");
    // members do not manage the team
    await expect(page.getByRole("button", { name: "Create invitation link" })).toHaveCount(0);
  });

  test("an invitation link works once; a revoked one not at all", async ({ browser }) => {
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    const link = await createInvitationLink(owner, "member");
    const first = await (await browser.newContext()).newPage();
    await signUp(first, { name: "First", email: uniqueEmail("first") }, link);
    await expect(first.getByTestId("signed-in-as")).toContainText("member");
    const second = await (await browser.newContext()).newPage();
    await second.goto(link);
    await expect(alerts(second)).toHaveText("This invitation link has already been used.");

    const revoked = await createInvitationLink(owner, "viewer", uniqueEmail("revokee"));
    const row = owner.getByRole("row").filter({ hasText: "revokee" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("revoked");
    await second.goto(revoked);
    await expect(alerts(second)).toHaveText("This invitation was revoked. Ask the team for a new link.");
    await second.goto("/invite/not-a-real-token");
    await expect(alerts(second)).toContainText("This invitation link is not valid.");
  });

  test("a viewer cannot reach the team's mutating actions, even by posting to them directly", async ({ browser }) => {
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await owner.goto("/team");
    const inviteFormHtml = await owner.locator("form", { has: owner.getByRole("button", { name: "Create invitation link" }) }).evaluate((f) => f.outerHTML);
    const pendingBefore = await owner.getByRole("row").filter({ hasText: "pending" }).count();

    const { page: viewer } = await joinTeamAs(browser, "viewer", "viewer");
    await viewer.goto("/team");
    await expect(viewer.getByRole("button", { name: "Create invitation link" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Remove" })).toHaveCount(0);

    // Replay the owner's form (its server-action reference included) with the viewer's session…
    await replayForm(viewer, inviteFormHtml, "sneaky@berth.test");
    // …and, as a control that the replay really reaches the action, with the owner's own session.
    await owner.goto("/team");
    await replayForm(owner, inviteFormHtml, "replayed@berth.test");
    await owner.goto("/team");
    await expect(owner.getByRole("row").filter({ hasText: "replayed@berth.test" })).toContainText("pending");
    await expect(owner.getByRole("row").filter({ hasText: "pending" })).toHaveCount(pendingBefore + 1);
    await expect(owner.getByRole("row").filter({ hasText: "sneaky@berth.test" })).toHaveCount(0);
  });
});

/** Submits a copy of a form's HTML (no React handlers: a native POST to the server action). */
async function replayForm(page: Page, html: string, email: string) {
  await page.evaluate(
    ({ html, email }) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      document.body.appendChild(holder);
      (holder.querySelector('input[name="email"]') as HTMLInputElement).value = email;
      holder.querySelector("form")!.requestSubmit();
    },
    { html, email },
  );
  await page.waitForLoadState("networkidle");
}
