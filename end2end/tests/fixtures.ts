import { test as base, expect, Locator, Page } from "@playwright/test";

/**
 * Every test runs against its worker's own server (playwright.config.ts starts one per
 * worker, on consecutive ports), and fails on a console error, an uncaught exception
 * or a CSP violation, so hydration and the strict Content-Security-Policy are checked
 * on every page.
 */
export const test = base.extend<{ consoleProblems: string[] }>({
  baseURL: async ({ baseURL }, use, testInfo) => {
    const url = new URL(baseURL!);
    url.port = String(Number(url.port) + testInfo.parallelIndex);
    await use(url.origin);
  },
  consoleProblems: [
    async ({ page }, use) => {
      const problems = watchConsole(page);
      await use(problems);
      expect(problems, "console errors and CSP violations").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Collects console errors, uncaught exceptions and CSP violations of `page`. A server
 * function refusing bad input answers 4xx, which Chromium logs as a failed resource:
 * that is the product working, not a script error.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    const refusedInput =
      message.location().url.includes("/api/") &&
      /Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
    if (refusedInput) return;
    if (message.type() === "error" || message.text().includes("Content Security Policy")) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

export { expect };

/** Opens `path` and waits until the WebAssembly has hydrated the page. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
}

/** A unique address for one test run. */
export function uniqueEmail(name: string) {
  return `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** The newest link in the dev mailbox that contains `marker`, in any mail to the given address. */
export async function linkFromMailbox(page: Page, to: string, marker: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      await page.goto("/dev/mailbox");
      const links = page.locator("article", { hasText: `To: ${to}` }).locator(`a[href*="${marker}"]`);
      if ((await links.count()) === 0) return "";
      link = (await links.first().getAttribute("href")) ?? "";
      return link;
    })
    .toContain(marker);
  return link;
}

/** Fills in and submits the registration form, and waits for "Check your inbox". */
export async function registerThroughForm(page: Page, email: string, name: string, password: string) {
  await openHydrated(page, "/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** Registers `email` through the form, verifies it from the mailbox and signs in. */
export async function newcomer(page: Page, email: string, name: string, password: string) {
  await registerThroughForm(page, email, name, password);
  await openHydrated(page, await linkFromMailbox(page, email, "/verify-email?token="));
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  await signIn(page, email, password);
}

/** On an open share link page, registers as `name` to accept, and waits for the shared
 * `project`'s page. */
export async function registerToAccept(page: Page, name: string, password: string, project: string) {
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account and accept" }).click();
  await expect(page.getByRole("heading", { level: 1, name: project })).toBeVisible();
}

/** Signs in through the form and waits for the Projects page. */
export async function signIn(page: Page, email: string, password: string) {
  await openHydrated(page, "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
}

/** Opens the share dialog of `project` from its card's menu on the Projects page;
 * returns the card and the dialog. */
export async function openShareDialog(page: Page, project: string) {
  await openHydrated(page, "/projects");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: project }) });
  await card.getByText("Actions").click();
  await card.getByRole("link", { name: "Share project" }).click();
  return { card, dialog: page.getByRole("dialog", { name: `Share ${project}` }) };
}

/** Shares `project` with `email` from its card's menu on the Projects page, waits
 * for the confirmation and the Pending row in the dialog, and closes it. */
export async function shareFromCard(page: Page, project: string, email: string, role = "viewer") {
  const { dialog } = await openShareDialog(page, project);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Share project" }).click();
  await expect(dialog.getByText(`Shared with ${email} as ${role}`)).toBeVisible();
  await expect(dialog.getByRole("row", { name: new RegExp(escapeRegExp(email)) })).toContainText("Pending");
  await dialog.getByRole("link", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Opens the share dialog of the project page `page` shows, from its "Shared with"
 * section, and returns the dialog. */
export async function manageAccess(page: Page, project: string): Promise<Locator> {
  await page.getByRole("region", { name: "Shared with" }).getByRole("link", { name: "Manage who has access" }).click();
  const dialog = page.getByRole("dialog", { name: `Share ${project}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The confirmation of a destructive action, found by its button's name for screen
 * readers ("Revoke the share with …"): a `<details>` whose summary asks first. */
export function confirmation(page: Page, name: string): Locator {
  return page.locator("details.confirm").filter({ has: page.locator("summary").filter({ hasText: name }) });
}

/** Opens the confirmation named `name`, checks that opening it changed nothing but
 * naming the consequence, and acts with its button `act`. */
export async function confirmAndAct(page: Page, name: string, act: string) {
  const ask = confirmation(page, name);
  await ask.locator("summary").click();
  const button = ask.getByRole("button", { name: act });
  await expect(button).toBeVisible();
  await expect(ask.locator(".confirm-panel p")).not.toBeEmpty();
  await button.click();
}
