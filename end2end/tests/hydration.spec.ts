import { Page } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";

const demoPassword = "packagento-demo";

/**
 * The main region as `html` (a whole page) holds it, and as the DOM holds it now, both
 * serialised by the browser with comments (hydration markers) removed.
 */
async function mainRegions(page: Page, html: string): Promise<{ server: string; dom: string }> {
  return page.evaluate((html) => {
    const clean = (root: Element | null): string => {
      if (!root) return "(no main)";
      const copy = root.cloneNode(true) as Element;
      const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
      const comments: Node[] = [];
      while (walker.nextNode()) comments.push(walker.currentNode);
      comments.forEach((node) => node.parentNode?.removeChild(node));
      copy.normalize();
      return copy.innerHTML.replace(/\s+/g, " ").trim();
    };
    const server = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    return { server: clean(server), dom: clean(document.querySelector("main")) };
  }, html);
}

/**
 * Opens `path` as the page's signed-in person and checks that the server's HTML
 * already holds the page's data (`expected`), that hydration leaves the main region
 * exactly as the server rendered it, and that nothing was logged about hydration.
 */
export async function checkHydration(page: Page, path: string, expected: string[]) {
  const messages: string[] = [];
  const listener = (message: { type(): string; text(): string }) => {
    if (/hydrat|mismatch|unreachable|panicked/i.test(message.text())) messages.push(message.text());
  };
  page.on("console", listener);
  const response = await page.request.get(path);
  const html = await response.text();
  for (const text of expected) {
    expect(html.replace(/<[^>]*>/g, ""), `${path}: the server's HTML holds "${text}"`).toContain(text);
  }
  expect(html, `${path} arrives without a loading placeholder`).not.toMatch(/class="loading"/);
  await page.goto(path);
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  const { server, dom } = await mainRegions(page, html);
  expect(dom, `${path}: the DOM after hydration is the server's HTML`).toBe(server);
  page.off("console", listener);
  expect(messages, `${path}: hydration messages`).toEqual([]);
}

test("Projects arrives with its data and hydrates unchanged", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  for (let i = 0; i < 3; i++) {
    await checkHydration(page, "/projects", ["Storefront", "Warehouse API", "Marketing site", "Shared with me"]);
  }
});
