import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { Locator, Page } from "@playwright/test";
import { test, expect, openHydrated, uniqueEmail, linkFromMailbox, registerThroughForm, shareFromCard, signIn, watchConsole, registerToAccept } from "./fixtures";

/** The rules checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const SCREENSHOTS = "../target/screenshots";
const demoPassword = "packagento-demo";

/** The router's pages that some state below has checked. */
const audited = new Set<string>();

/**
 * Runs axe-core on what `page` shows now, a state of the router page `route`, and
 * fails the test (after its other checks) on any violation.
 */
async function audit(page: Page, route: string, state: string) {
  audited.add(route);
  // The state audited is the page a person uses: hydrated (while the page's split-off
  // code loads, the document's title is briefly empty; see the README's Known issues).
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`,
  );
  expect.soft(found, `axe-core on ${route}, ${state}`).toEqual([]);
  const outline = await page.evaluate(() => ({
    h1: document.querySelectorAll("h1").length,
    landmarks: ["header", "nav", "main"].filter((tag) => document.querySelector(tag) === null),
    skipLink: document.querySelector("a.skip-link[href='#main']") !== null,
    title: document.title,
  }));
  expect.soft(outline, `one h1, the landmarks, a skip link and a title on ${route}, ${state}`).toEqual({
    h1: 1,
    landmarks: [],
    skipLink: true,
    title: expect.stringMatching(/^\S.* · Packagento$/),
  });
}

/**
 * Saves the page at desktop and at phone width, and checks that at 360 px the page
 * itself never scrolls sideways (wide tables scroll inside their own container).
 */
async function screenshots(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect.soft(overflow, `${name} at 360 px scrolls sideways by`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * At 360 px, checks that the first row of the table `table` keeps `controls` (its
 * role or access control and its action) inside the window, without scrolling
 * sideways, and shows the columns folded into the person's cell.
 */
async function essentialsInView(page: Page, table: string, controls: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  const row = page.locator(`${table} tbody tr`).first();
  await expect(row.locator(".folded")).toBeVisible();
  const outside = await row.locator(controls).evaluateAll((elements) =>
    elements.filter((element) => element.getBoundingClientRect().right > window.innerWidth).map((element) => element.outerHTML.slice(0, 80)),
  );
  expect(outside, `${table}: controls beyond the right edge at 360 px`).toEqual([]);
  expect(await row.locator(controls).count()).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Turns off the browser's own form checks, so the server's messages show. */
async function skipBrowserChecks(form: Locator) {
  await form.evaluate((element) => element.setAttribute("novalidate", ""));
}

/** The pages of the app's router, as the server binary lists them. */
function routerPages(): string[] {
  const output = execFileSync("../target/debug/server", ["routes"], {
    env: { ...process.env, DATABASE_URL: "sqlite::memory:" },
  });
  return output.toString().trim().split("\n");
}

test.describe.configure({ mode: "serial" });

test("signed out: the account pages, their errors and invalid links", async ({ page }) => {
  await openHydrated(page, "/");
  await audit(page, "/", "signed out");
  await openHydrated(page, "/sign-in");
  await audit(page, "/sign-in", "empty form");
  await screenshots(page, "sign-in");
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await audit(page, "/sign-in", "wrong password");

  await openHydrated(page, "/register");
  await audit(page, "/register", "empty form");
  await page.getByLabel("Email").fill("not an address");
  await page.getByLabel("Password").fill("short");
  await skipBrowserChecks(page.locator("form"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#field-email-error")).not.toBeEmpty();
  await audit(page, "/register", "field errors");
  await screenshots(page, "register-errors");

  await openHydrated(page, "/forgot-password");
  await audit(page, "/forgot-password", "empty form");
  await page.getByLabel("Email").fill("somebody@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await audit(page, "/forgot-password", "check your inbox");

  for (const route of ["/verify-email", "/invite", "/share", "/reset-password", "/confirm-email"]) {
    await openHydrated(page, `${route}?token=not-a-real-token`);
    await audit(page, route, "invalid link");
  }
  for (const route of ["/projects", "/catalogue", "/org", "/account", "/activity"]) {
    await openHydrated(page, route);
    await audit(page, route, "signed out");
  }
});

test("a newcomer's valid links: verification, invite and share", async ({ page, browser }) => {
  const nora = uniqueEmail("axe-nora");
  await registerThroughForm(page, nora, "Nora Axe", "correct horse battery");
  await audit(page, "/register", "check your inbox");
  await openHydrated(page, await linkFromMailbox(page, nora, "/verify-email?token="));
  await audit(page, "/verify-email", "valid link");
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  await openHydrated(page, "/forgot-password");
  await page.getByLabel("Email").fill(nora);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await openHydrated(page, await linkFromMailbox(page, nora, "/reset-password?token="));
  await audit(page, "/reset-password", "valid link");
  const reset = page.locator("form");
  await skipBrowserChecks(reset);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#field-password-error")).not.toBeEmpty();
  await audit(page, "/reset-password", "too short a password");

  const alice = await (await browser.newContext()).newPage();
  const problems = watchConsole(alice);
  await signIn(alice, "alice@acme.test", demoPassword);
  const ivy = uniqueEmail("axe-ivy");
  await openHydrated(alice, "/org");
  await alice.getByLabel("Email").fill(ivy);
  await alice.getByRole("button", { name: "Send invite" }).click();
  await expect(alice.getByText(`Invite sent to ${ivy}.`)).toBeVisible();
  await openHydrated(page, await linkFromMailbox(page, ivy, "/invite?token="));
  await audit(page, "/invite", "valid link, register to join");
  await screenshots(page, "invite");
  expect(problems).toEqual([]);
});

test("alice, the owner: Projects, a project, its Members screen, Org settings, with their dialogs open", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  await expect(page).toHaveTitle("Projects · Acme · Packagento");
  await audit(page, "/projects", "own projects");
  await screenshots(page, "projects");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Storefront" }) });
  await card.getByText("Actions").click();
  await audit(page, "/projects", "card menu open");
  await card.getByRole("link", { name: "Share project" }).click();
  const dialog = page.getByRole("dialog", { name: "Share Storefront" });
  await expect(dialog).toBeVisible();
  await audit(page, "/projects", "share dialog open");
  const animation = () => dialog.evaluate((element) => getComputedStyle(element).animationName);
  expect(await animation(), "the panel slides in").toBe("slide-in");
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await animation(), "no sliding with prefers-reduced-motion").toBe("none");
  await page.emulateMedia({ reducedMotion: null });
  await skipBrowserChecks(dialog.locator("form"));
  await dialog.getByRole("button", { name: "Share project" }).click();
  await expect(dialog.locator("[aria-invalid='true']").first()).toBeVisible();
  await audit(page, "/projects", "share dialog with an error");
  await screenshots(page, "share-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Storefront" })).toBeVisible();
  await audit(page, "/projects/{id}", "owner");
  await screenshots(page, "project");

  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Storefront/ })).toBeVisible();
  await audit(page, "/projects/{id}/members", "owner");
  await screenshots(page, "project-members");
  await essentialsInView(page, "table.members", "select");

  await openHydrated(page, "/org");
  await expect(page).toHaveTitle("Org settings · Acme · Packagento");
  // The long page can be jumped through by its sections.
  const sections = page.getByRole("navigation", { name: "Sections of this page" });
  await expect(sections.getByRole("link")).toHaveText(["Members", "Invites", "Activity", "Billing", "Access review", "Workspace"]);
  await sections.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Billing" })).toBeInViewport();
  await expect(page.getByRole("heading", { level: 2, name: "Members" })).not.toBeInViewport();
  await page.getByLabel("Search members").fill("Carol Chen");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await page.getByLabel("Role of Carol Chen").focus();
  await audit(page, "/org", "members, a role dropdown focused");
  await page.getByRole("button", { name: "Remove Carol Chen" }).click();
  await expect(page.getByRole("dialog", { name: "Remove Carol Chen?" })).toBeVisible();
  await audit(page, "/org", "removal confirmation open");
  await page.keyboard.press("Escape");
  await page.getByLabel("Search members").fill("");
  const invite = page.locator("form", { has: page.getByRole("button", { name: "Send invite" }) });
  await skipBrowserChecks(invite);
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expect(invite.locator("[aria-invalid='true']").first()).toBeVisible();
  await audit(page, "/org", "invite form with an error");
  await screenshots(page, "org-settings");
  await essentialsInView(page, "table.members", "select, button");

  await openHydrated(page, "/account");
  await audit(page, "/account", "signed in");
  await page.getByLabel("New email address").fill("alice-new@acme.test");
  await page.locator("#field-email-current_password").fill("not the password");
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.locator("#field-email-current_password-error")).toHaveText("That is not your current password.");
  await audit(page, "/account", "wrong current password");
  await screenshots(page, "account");
  await openHydrated(page, "/activity");
  await audit(page, "/activity", "signed in");
  await openHydrated(page, "/catalogue");
  await audit(page, "/catalogue", "owner");
  const buy = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "harbor/tracking" }) });
  await buy.locator("summary").first().click();
  await audit(page, "/catalogue", "a purchase's question open");
  await screenshots(page, "catalogue");
});

test("a recipient: the share link, Shared with me and the shared project", async ({ page, browser }) => {
  const alice = await (await browser.newContext()).newPage();
  const problems = watchConsole(alice);
  await signIn(alice, "alice@acme.test", demoPassword);
  const rita = uniqueEmail("axe-rita");
  await shareFromCard(alice, "Warehouse API", rita);

  await openHydrated(page, await linkFromMailbox(page, rita, "/share?token="));
  await audit(page, "/share", "valid link, register to accept");
  await screenshots(page, "share-accept");
  await registerToAccept(page, "Rita Axe", "correct horse battery", "Warehouse API");
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  await audit(page, "/projects/{id}", "viewer recipient");
  await openHydrated(page, "/projects");
  await expect(page.getByRole("region", { name: "Shared with me" })).toBeVisible();
  await audit(page, "/projects", "Shared with me");
  await screenshots(page, "shared-with-me");
  expect(problems).toEqual([]);
});

test("every page of the app's router was checked above", () => {
  expect([...audited].sort()).toEqual(routerPages().sort());
});
