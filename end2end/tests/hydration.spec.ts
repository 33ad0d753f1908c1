import { Page } from "@playwright/test";
import { test, expect, signIn, shareFromCard, uniqueEmail, linkFromMailbox, registerToAccept } from "./fixtures";

const demoPassword = "packagento-demo";

/**
 * The main region as `html` (a whole page) holds it, and as the DOM holds it now, both
 * serialised by the browser with comments (hydration markers) removed and each
 * element's attributes in name order (a dialog the server rendered open is reopened
 * as a modal one, which moves its `open` attribute).
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
      for (const element of [copy, ...copy.querySelectorAll("*")]) {
        const attributes = [...element.attributes].map((a) => [a.name, a.value]).sort(([a], [b]) => a.localeCompare(b));
        for (const [name] of attributes) element.removeAttribute(name);
        for (const [name, value] of attributes) element.setAttribute(name, value);
      }
      copy.normalize();
      return copy.innerHTML.replace(/\s+/g, " ").trim();
    };
    const server = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    return { server: clean(server), dom: clean(document.querySelector("main")) };
  }, html);
}

/** Collects what the console says about hydration on `page` until `stop` is called. */
function watchHydration(page: Page): { messages: string[]; stop: () => void } {
  const messages: string[] = [];
  const listener = (message: { text(): string }) => {
    if (/hydrat|mismatch|unreachable|panicked/i.test(message.text())) messages.push(message.text());
  };
  page.on("console", listener);
  return { messages, stop: () => page.off("console", listener) };
}

/**
 * Opens `path` as the page's signed-in person and checks that the server's HTML
 * already holds the page's data (`expected`), that hydration leaves the main region
 * exactly as the server rendered it, and that nothing was logged about hydration.
 */
export async function checkHydration(page: Page, path: string, expected: string[]) {
  const { messages, stop } = watchHydration(page);
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
  stop();
  expect(messages, `${path}: hydration messages`).toEqual([]);
}

/**
 * How many times each page is loaded and compared: 5 in `./scripts/test`, more on
 * demand (`HYDRATION_ROUNDS=20 npx playwright test hydration`).
 */
const ROUNDS = Number(process.env.HYDRATION_ROUNDS ?? 5);

// Every page loads ROUNDS times: more than the default minute.
test.describe.configure({ timeout: 60_000 * ROUNDS });

async function checkEach(page: Page, pages: [string, string[]][]) {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [path, expected] of pages) {
      await checkHydration(page, path, expected);
    }
  }
}

test("signed out, every page arrives whole and hydrates unchanged", async ({ page }) => {
  await checkEach(page, [
    ["/", ["Packagento"]],
    ["/sign-in", ["Forgot password?"]],
    ["/register", ["Create your account"]],
    ["/forgot-password", ["Send reset link"]],
    ["/verify-email?token=not-a-real-token", ["This link is not valid"]],
    ["/reset-password?token=not-a-real-token", ["This link is not valid"]],
    ["/confirm-email?token=not-a-real-token", ["This link is not valid"]],
    ["/invite?token=not-a-real-token", ["This invite link is not valid"]],
    ["/share?token=not-a-real-token", ["This share link is not valid"]],
    ["/projects", ["You are signed out."]],
    ["/org", ["You are signed out."]],
    ["/catalogue", ["You are signed out."]],
  ]);
});

test("the owner's pages arrive with their data and hydrate unchanged", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  const storefront = await page.getByRole("link", { name: "Storefront" }).getAttribute("href");
  const storefrontId = storefront?.split("/").pop();
  await checkEach(page, [
    ["/projects", ["Organization projects", "Storefront", "Warehouse API", "Marketing site", "Next expiry"]],
    [`${storefront}`, ["Storefront", "northwind/payment-gateway", "composer require", "Production deploy", "Activity"]],
    [`${storefront}/members`, ["Members of Storefront", "10,005 members", "Organization access", "People outside the workspace"]],
    [`${storefront}/members?q=carol`, ["1 member", "Carol Chen"]],
    // The share dialog, open from the URL, with the project's collaborators.
    [`/projects?share=${storefrontId}`, ["Share Storefront", "People outside the workspace", "outside the workspace"]],
    [`${storefront}?share=${storefrontId}`, ["Share Storefront", "People outside the workspace", "composer require"]],
    [`${storefront}/members?share=${storefrontId}`, ["Share Storefront", "Members of Storefront"]],
    ["/org", ["Org settings", "Alice Anders", "10,005 members", "Pending invites", "Activity", "Billing", "INV-"]],
    ["/org?q=carol&sort=email&dir=desc", ["1 member", "Carol Chen"]],
    ["/org?page=3", ["showing 101–150", "Page 3 of 201"]],
    ["/org?page=999", ["Page 201 of 201"]],
    ["/account", ["Your account", "alice@acme.test"]],
    ["/catalogue", ["Catalogue", "harbor/tracking", "Test mode.", "249.00 EUR", "Activate a licence code"]],
    ["/activity", ["Your activity"]],
    ["/invite?token=not-a-real-token", ["This invite link is not valid"]],
    ["/share?token=not-a-real-token", ["This share link is not valid"]],
    ["/", ["Packagento"]],
  ]);
});

test("billing, viewer and developer members' pages hydrate unchanged, and show them only what is theirs", async ({ page }) => {
  await signIn(page, "dave@acme.test", demoPassword);
  const storefront = await page.getByRole("link", { name: "Storefront" }).getAttribute("href");
  await checkEach(page, [
    ["/projects", ["Storefront"]],
    ["/org", ["Billing", "INV-"]],
    [`${storefront}`, ["Storefront"]],
    [`${storefront}/members`, ["Members of Storefront"]],
    ["/activity", ["Your activity"]],
    ["/account", ["Your account"]],
  ]);
  const html = await (await page.request.get(`${storefront}`)).text();
  expect(html, "no key reaches a billing member").not.toContain("pkgt_");
  await page.context().clearCookies();
  await signIn(page, "erin@acme.test", demoPassword);
  await checkEach(page, [
    ["/projects", ["Storefront"]],
    ["/org", ["Members"]],
    [`${storefront}`, ["Storefront"]],
    [`${storefront}/members`, ["Members of Storefront"]],
    ["/activity", ["Your activity"]],
    ["/account", ["Your account"]],
  ]);
  const org = await (await page.request.get("/org")).text();
  expect(org, "no invoice reaches a viewer").not.toContain("INV-");
  await checkEach(page, [["/catalogue", ["Catalogue", "harbor/tracking", "ask one of them"]]]);
  const catalogue = await (await page.request.get("/catalogue")).text();
  expect(catalogue, "no price reaches a viewer").not.toContain(" EUR");
  await page.context().clearCookies();
  await signIn(page, "carol@acme.test", demoPassword);
  await checkEach(page, [
    ["/projects", ["Organization projects", "Storefront"]],
    [`${storefront}`, ["Storefront", "composer require"]],
    ["/org", ["Members", "10,005 members"]],
    [`${storefront}/members`, ["Members of Storefront"]],
    ["/activity", ["Your activity"]],
    ["/account", ["Your account"]],
  ]);
});

test("a recipient's pages hydrate unchanged", async ({ page, browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, "alice@acme.test", demoPassword);
  const rita = uniqueEmail("hydration-rita");
  await shareFromCard(alice, "Warehouse API", rita, "developer");
  await page.goto(await linkFromMailbox(page, rita, "/share?token="));
  await registerToAccept(page, "Rita Hydration", "correct horse battery", "Warehouse API");
  const project = new URL(page.url()).pathname;
  await checkEach(page, [
    ["/projects", ["My projects", "New project", "Shared with me", "Warehouse API", "Leave"]],
    [project, ["Warehouse API", "composer require"]],
    ["/activity", ["Your activity"]],
    ["/account", ["Your account"]],
  ]);
});

test("moving between the main pages in the browser shows each with its data", async ({ page }) => {
  const { messages } = watchHydration(page);
  await signIn(page, "alice@acme.test", demoPassword);
  for (let round = 0; round < ROUNDS; round++) {
    await page.getByRole("link", { name: "Org settings" }).click();
    await expect(page.locator("#member-count")).toContainText("10,005 members");
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("link", { name: "Storefront" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Storefront" })).toBeVisible();
    await page.getByRole("link", { name: "Members", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Members of Storefront" })).toBeVisible();
    await page.getByRole("link", { name: "Projects" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await page.locator(".user-menu summary").click();
    await page.getByRole("link", { name: "Your activity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your activity" })).toBeVisible();
    await page.locator(".user-menu summary").click();
    await page.getByRole("link", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await page.getByRole("link", { name: "Org settings" }).click();
    await expect(page.locator("#member-count")).toContainText("10,005 members");
  }
  expect(messages, "hydration messages while moving between pages").toEqual([]);
});
