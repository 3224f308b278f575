import { expect, test } from "@playwright/test";
import { alerts, createInvitationLink, joinTeamAs, OWNER, OWNER_STATE, PASSWORD, signIn, signOut, signUp, ssoLogin } from "./support/accounts";

test.describe("signing in and out", () => {
  test("the owner signs out and back in", async ({ page }) => {
    await signIn(page, OWNER.email);
    await expect(page.getByTestId("signed-in-as")).toContainText(OWNER.email);
    await signOut(page);
    await page.goto("/templates");
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, OWNER.email);
    await expect(page).toHaveURL(/\/templates/);
    // both ends of the session are in the owner's audit trail
    for (const action of ["auth.sign_out", "auth.sign_in"]) {
      await page.goto(`/audit?action=${action}`);
      await expect(page.getByRole("row").filter({ hasText: OWNER.email }).first()).toContainText(action);
    }
  });

  test("a wrong password gets a clear error and keeps the email typed", async ({ page }) => {
    await signIn(page, OWNER.email, "not the password");
    await expect(alerts(page)).toHaveText("That email and password do not match an account.");
    await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);
    await expect(page).toHaveURL(/\/login/);
  });

  test("too many attempts on one account are refused, even with the right password", async ({ browser }) => {
    const { page, user } = await joinTeamAs(browser, "member", "ratelimit");
    await signOut(page);
    for (let i = 0; i < 4; i++) {
      await signIn(page, user.email, `wrong-${i}`);
      await expect(alerts(page)).toHaveText("That email and password do not match an account.");
    }
    await signIn(page, user.email, PASSWORD);
    await expect(alerts(page)).toContainText("Too many sign-in attempts. Try again in");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing up twice with one email is refused next to the email field", async ({ browser, page }) => {
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await signUp(page, { name: "Copy Cat", email: OWNER.email }, await createInvitationLink(owner, "viewer"));
    await expect(page.locator("#f-email-error")).toHaveText("An account with this email already exists. Sign in instead.");
    await expect(page.getByLabel("Your name")).toHaveValue("Copy Cat");
  });

  test("bad sign-up input is explained field by field", async ({ browser, page }) => {
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await signUp(page, { name: "", email: "not-an-email", password: "short" }, await createInvitationLink(owner, "viewer"));
    await expect(page.locator("#f-name-error")).toHaveText("Enter your name.");
    await expect(page.locator("#f-email-error")).toHaveText("Enter a valid email address, like ana@example.com.");
    await expect(page.locator("#f-password-error")).toHaveText("Use at least 10 characters.");
    await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  });

  test("once the owner exists, sign-up is by invitation only, and the page says so", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.getByTestId("signup-policy")).toHaveText("Sign-up is by invitation only. Ask a team owner or admin for an invitation link.");
    await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  });

  test("single sign-on through an invitation link creates the account in that team", async ({ browser }) => {
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    const link = await createInvitationLink(owner, "member");
    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    await page.getByRole("button", { name: "Continue with Test SSO" }).click();
    await ssoLogin(page, "sso-alice");
    await expect(page.getByTestId("signed-in-as")).toContainText("sso-alice@sso.test");
    await expect(page.getByTestId("signed-in-as")).toContainText("member");
  });

  test("single sign-on without an invitation does not create an account", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Test SSO" }).click();
    await ssoLogin(page, "sso-stranger");
    await expect(page).toHaveURL(/\/login\?error=sso-invite-only/);
    await expect(alerts(page)).toContainText("Sign-up is by invitation only.");
  });

  test("an SSO identity never takes over a password account with its email; the account connects it from its account page", async ({ browser }) => {
    // Someone signed up with the address first, with a password of their choosing.
    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    const { page: holder, user } = await (async () => {
      const page = await (await browser.newContext()).newPage();
      const user = { name: "Bob Password", email: "sso-bob@sso.test" };
      await signUp(page, user, await createInvitationLink(owner, "viewer"));
      await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
      return { page, user };
    })();
    // Signing in through the provider with that address is refused, with what to do instead.
    const sso = await (await browser.newContext()).newPage();
    await sso.goto("/login");
    await sso.getByRole("button", { name: "Continue with Test SSO" }).click();
    await ssoLogin(sso, "sso-bob");
    await expect(sso).toHaveURL(/\/login\?error=sso-not-connected/);
    await expect(alerts(sso)).toHaveText(
      "An account with this email already exists and is not connected to single sign-on. Sign in with your password, then connect single sign-on from your account page.",
    );
    // The account's own session connects the identity ...
    await holder.getByTestId("signed-in-as").getByRole("link").click();
    await expect(holder.getByTestId("sso-state")).toHaveText("not connected");
    await holder.getByRole("button", { name: "Connect Test SSO" }).click();
    await ssoLogin(holder, "sso-bob");
    await expect(holder).toHaveURL(/\/account\?connected=1/);
    await expect(holder.getByTestId("sso-state")).toHaveText("connected");
    await expect(holder.getByTestId("email-verified")).toHaveText("verified");
    // ... and from then on that identity signs in to it.
    const again = await (await browser.newContext()).newPage();
    await again.goto("/login");
    await again.getByRole("button", { name: "Continue with Test SSO" }).click();
    await ssoLogin(again, "sso-bob");
    await expect(again.getByTestId("signed-in-as")).toContainText(user.email);
  });
});
