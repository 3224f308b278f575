import { expect, test } from "@playwright/test";
import { alerts, joinTeamAs, PASSWORD, signIn, signOut } from "./support/accounts";
import { linkMailedTo } from "./support/mail";

const NEW_PASSWORD = "a whole new password";

test.describe("forgotten password", () => {
  test("forgot password → the mail from the local SMTP server → reset → sign in with the new password; the link works once", async ({ browser }) => {
    const { page, user } = await joinTeamAs(browser, "member", "forgetful");
    await signOut(page);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByRole("status")).toHaveText("If an account uses that address, we sent it a link to choose a new password. The link works once, for 30 minutes.");

    const link = await linkMailedTo(user.email, "/reset/");
    await page.goto(link);
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/login\?reset=1/);
    await expect(page.getByRole("status")).toHaveText("Your password was changed. Sign in with the new one.");

    await signIn(page, user.email, PASSWORD);
    await expect(alerts(page)).toHaveText("That email and password do not match an account.");
    await signIn(page, user.email, NEW_PASSWORD);
    await expect(page.getByTestId("signed-in-as")).toContainText(user.email);

    await page.goto(link);
    await expect(alerts(page)).toHaveText("This reset link has already been used. Ask for a new one if you need to.");
  });

  test("an unknown address gets the same answer", async ({ page }) => {
    await page.goto("/forgot");
    await page.getByLabel("Email").fill("nobody-here@berth.test");
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByRole("status")).toHaveText("If an account uses that address, we sent it a link to choose a new password. The link works once, for 30 minutes.");
  });
});
