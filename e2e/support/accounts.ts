import { expect, type Browser, type Page } from "@playwright/test";
import { linkMailedTo } from "./mail";

// Page-level helpers for accounts and teams, shared by the specs.
export const PASSWORD = "correct horse battery";
// Per port, so that two e2e runs side by side do not share a saved session.
export const OWNER_STATE = `e2e/.auth/owner-${process.env.BERTH_E2E_PORT ?? 3100}.json`;
export const OWNER = { name: "Olivia Owner", email: "olivia@berth.test" };

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@berth.test`;
}

export async function signUp(page: Page, user: { name: string; email: string; password?: string }, invitationLink?: string) {
  if (invitationLink) {
    await page.goto(invitationLink);
    await page.getByRole("link", { name: "Create an account" }).click();
  } else {
    await page.goto("/signup");
  }
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The owner creates an invitation link for `role` (page must be signed in as owner or admin). */
export async function createInvitationLink(page: Page, role: "admin" | "member" | "viewer", email = ""): Promise<string> {
  await page.goto("/team");
  if (email) await page.getByLabel("Email (optional)").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  if (email) {
    // Bound to an address, the link goes only to that mailbox (the local SMTP server).
    await expect(page.getByTestId("invitation-sent")).toContainText(email);
    return linkMailedTo(email, "/invite/");
  }
  const link = page.getByTestId("invitation-link");
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** A new user who joined the owner's team with `role`; returns a signed-in page. */
export async function joinTeamAs(browser: Browser, role: "admin" | "member" | "viewer", prefix: string = role) {
  const ownerContext = await browser.newContext({ storageState: OWNER_STATE });
  const link = await createInvitationLink(await ownerContext.newPage(), role);
  await ownerContext.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = { name: `${prefix} user`, email: uniqueEmail(prefix) };
  await signUp(page, user, link);
  await expect(page.getByTestId("signed-in-as")).toContainText(role);
  return { page, context, user };
}

/** The page's own alerts (Next adds an always-present, empty route announcer with role=alert). */
export function alerts(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** The local OpenID Connect provider's development login and consent pages (e2e/support/oidc-server.ts). */
export async function ssoLogin(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
}
