import { test as base, expect, Page } from "@playwright/test";

/**
 * Every test fails on a console error, an uncaught exception or a CSP violation,
 * so hydration and the strict Content-Security-Policy are checked on every page.
 */
export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        // A server function refusing bad input answers 4xx, which Chromium logs as a
        // failed resource: that is the product working, not a script error.
        const refusedInput =
          message.location().url.includes("/api/") &&
          /Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
        if (refusedInput) return;
        if (message.type() === "error" || message.text().includes("Content Security Policy")) {
          problems.push(`${message.type()}: ${message.text()}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      await use(problems);
      expect(problems, "console errors and CSP violations").toEqual([]);
    },
    { auto: true },
  ],
});

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

/** The newest link in the dev mailbox that contains `marker`, for the given address. */
export async function linkFromMailbox(page: Page, to: string, marker: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      await page.goto("/dev/mailbox");
      const article = page.locator("article", { hasText: `To: ${to}` }).first();
      if ((await article.count()) === 0) return "";
      link = (await article.locator(`a[href*="${marker}"]`).first().getAttribute("href")) ?? "";
      return link;
    })
    .toContain(marker);
  return link;
}
