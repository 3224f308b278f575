import { expect, test } from "@playwright/test";
import { alerts, joinTeamAs, OWNER, PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./support/accounts";

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

  test("signing up twice with one email is refused next to the email field", async ({ page }) => {
    await signUp(page, { name: "Copy Cat", email: OWNER.email });
    await expect(page.locator("#f-email-error")).toHaveText("An account with this email already exists. Sign in instead.");
    await expect(page.getByLabel("Your name")).toHaveValue("Copy Cat");
  });

  test("bad sign-up input is explained field by field", async ({ page }) => {
    await signUp(page, { name: "", email: "not-an-email", password: "short" });
    await expect(page.locator("#f-name-error")).toHaveText("Enter your name.");
    await expect(page.locator("#f-email-error")).toHaveText("Enter a valid email address, like ana@example.com.");
    await expect(page.locator("#f-password-error")).toHaveText("Use at least 10 characters.");
    await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  });

  test("a later sign-up without an invitation starts with no team and is told what to do", async ({ page }) => {
    await signUp(page, { name: "Lone Wolf", email: uniqueEmail("lone") });
    await expect(page).toHaveURL(/\/team/);
    await expect(page.getByRole("heading", { name: "You are not in a team yet" })).toBeVisible();
    await page.getByLabel("Team name").fill("Wolf pack");
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("owner");
  });

  test("single sign-on through an OpenID Connect provider", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Test SSO" }).click();
    // oidc-provider's development login and consent pages
    await page.locator('input[name="login"]').fill("sso-alice");
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await expect(page.getByTestId("signed-in-as")).toContainText("sso-alice@sso.test");
  });
});
