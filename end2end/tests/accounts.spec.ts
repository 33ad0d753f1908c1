import type { Page } from "@playwright/test";
import { test, expect, openHydrated, uniqueEmail, linkFromMailbox, registerThroughForm, signIn } from "./fixtures";

const password = "correct horse battery";

test("a newcomer registers, verifies from the mail, signs in and signs out", async ({ page }) => {
  const email = uniqueEmail("newcomer");
  await registerThroughForm(page, email, "Nora Newcomer", password);

  const link = await linkFromMailbox(page, email, "/verify-email?token=");
  await openHydrated(page, link);
  await expect(page.getByText(`Confirm that ${email} is your email address.`)).toBeVisible();
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  await expect(page.getByText("Your email address is verified.")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Org settings" })).toBeVisible();

  await page.locator("summary", { hasText: "Nora Newcomer" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await openHydrated(page, "/projects");
  await expect(page.getByText("You are signed out.")).toBeVisible();
});

test("the link cannot be used twice", async ({ page }) => {
  const email = uniqueEmail("twice");
  await registerThroughForm(page, email, "Tess Twice", password);
  const link = await linkFromMailbox(page, email, "/verify-email?token=");
  await openHydrated(page, link);
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  await openHydrated(page, link);
  await expect(page.getByText("This link was already used")).toBeVisible();
});

test("a wrong password is refused inline and tied to the form", async ({ page }) => {
  await openHydrated(page, "/sign-in");
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("bad registration input is explained next to each field", async ({ page }) => {
  await openHydrated(page, "/register");
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByLabel("Display name").fill("Bo");
  await page.getByLabel("Password").fill("short");
  // Skip the browser's own checks to see the server's messages.
  await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Create account" }).click();
  const emailField = page.getByLabel("Email");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(emailField, "the first field in error takes focus").toBeFocused();
  await expect(page.locator("#field-email-error")).toHaveText("Enter an email address like name@example.com.");
  await expect(page.locator("#field-password-error")).toHaveText("Use at least 10 characters.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", /field-password-error/);
});

/** The split-off page files (see app/src/ui/routes.rs) this document has fetched. */
async function splitFiles(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...new Set(
      performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith("/pkg/split_")),
    ),
  ]);
}

test("the demo account signs in and the pages hydrate, each page's code fetched when first shown", async ({ page }) => {
  await openHydrated(page, "/");
  expect(await splitFiles(page), "the signed-out home page needs no page's split-off code").toEqual([]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill("packagento-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  // Signing in loads the Projects page afresh: its code comes with it.
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  expect(await splitFiles(page)).toEqual([expect.stringMatching(/^\/pkg\/split___projects_route_view_\d+\.wasm$/)]);
  // A link within the app: the router fetches the Org settings page's code.
  await page.getByRole("link", { name: "Org settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Org settings" })).toBeVisible();
  await expect(page).toHaveTitle("Org settings · Acme · Packagento");
  expect(await splitFiles(page)).toContainEqual(expect.stringMatching(/^\/pkg\/split___org_settings_route_view_\d+\.wasm$/));

  await page.locator("summary", { hasText: "Alice Anders" }).click();
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.locator("details.user-menu")).not.toHaveAttribute("open", "");
  await expect(page.getByText("You sign in with alice@acme.test.")).toBeVisible();
});

test("whoever registers an address first holds nothing: the owner's own link and password win", async ({ page, browser }) => {
  const victim = uniqueEmail("victim");
  const attacker = await (await browser.newContext()).newPage();
  await registerThroughForm(attacker, victim, "Mallory", "the attacker's password");
  await registerThroughForm(page, victim, "Victoria", password);
  // The owner opens the newest link, the one their own registration sent.
  await openHydrated(page, await linkFromMailbox(page, victim, "/verify-email?token="));
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  await page.getByLabel("Email").fill(victim);
  await page.getByLabel("Password").fill("the attacker's password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(page, victim, password);
  await expect(page.locator("summary", { hasText: "Victoria" })).toBeVisible();
});

test("a forgotten password is reset from the emailed link, and the Account page changes name and address", async ({ page }) => {
  const email = uniqueEmail("forgetful");
  await registerThroughForm(page, email, "Fay Forgetful", password);
  await openHydrated(page, await linkFromMailbox(page, email, "/verify-email?token="));
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await openHydrated(page, await linkFromMailbox(page, email, "/reset-password?token="));
  await page.getByLabel("New password").fill("a fresh new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(page).toHaveURL(/\/projects$/);

  await openHydrated(page, "/account");
  const name = page.getByRole("textbox", { name: "Display name" });
  await expect(name, "the field shows the current name").toHaveValue("Fay Forgetful");
  await name.fill("Fay Remembered");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your display name was changed." })).toBeVisible();
  await expect(page.locator("summary", { hasText: "Fay Remembered" })).toBeVisible();

  const newEmail = uniqueEmail("remembered");
  await page.getByLabel("New email address").fill(newEmail);
  await page.locator("#field-email-current_password").fill("a fresh new password");
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.getByText("We sent a link to your new address.")).toBeVisible();
  await openHydrated(page, await linkFromMailbox(page, newEmail, "/confirm-email?token="));
  await expect(page.getByText(`Your account will use ${newEmail} from now on`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm new address" }).click();
  await expect(page.getByText("Your email address was changed.")).toBeVisible();
  await expect(page.getByText(`You sign in with ${newEmail}.`)).toBeVisible();
});
