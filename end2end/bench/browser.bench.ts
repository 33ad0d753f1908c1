import { test, expect, Page } from "@playwright/test";

/**
 * Browser figures for `scripts/bench`: the time from navigation to hydrated on a first
 * visit, from navigation to the first member row of Org settings on screen, the time
 * the member list takes to show the results of one keystroke, and the
 * scripts and WebAssembly a first visit to each page fetches. Prints one line per
 * figure: "<name> <median ms>", and "first_visit <path> <url>..." per page.
 */

const RUNS = 7;
const password = process.env.BENCH_PASSWORD ?? "packagento-demo";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from the start of navigation until the page says it hydrated. */
async function hydrationTime(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  return page.evaluate(() => (window as any).hydratedAt as number);
}

test("first visit to hydrated, and a member search keystroke", async ({ browser, baseURL }) => {
  const hydration: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A new context each time: an empty cache, as on a first visit.
    const context = await browser.newContext();
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("main[data-hydrated='true']")) {
          (window as any).hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
    });
    hydration.push(await hydrationTime(await context.newPage(), "/sign-in"));
    await context.close();
  }
  console.log(`hydrated_ms ${median(hydration).toFixed(0)}`);

  // A context of its own, so that the tabs below share its session cookie.
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/sign-in");
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  // From navigation to the first member row painted, in a fresh tab each time (the
  // session cookie kept): the row is in the server's HTML, so no script is waited for.
  const firstRow: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const tab = await page.context().newPage();
    await tab.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("table.members tbody tr")) {
          observer.disconnect();
          requestAnimationFrame(() => ((window as any).firstRowAt = performance.now()));
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await tab.goto("/org");
    await expect(tab.locator("table.members tbody tr").first()).toBeVisible();
    await expect.poll(() => tab.evaluate(() => (window as any).firstRowAt as number | undefined)).toBeGreaterThan(0);
    firstRow.push(await tab.evaluate(() => (window as any).firstRowAt as number));
    await tab.close();
  }
  console.log(`first_row_ms ${median(firstRow).toFixed(0)}`);

  await page.goto("/org");
  await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
  await expect(page.locator("#member-count")).toContainText("members");
  const everyone = (await page.locator("#member-count").textContent()) ?? "";
  const searches: number[] = [];
  for (const typed of ["0042", "1234", "777", "5000", "31", "808", "9999"]) {
    await page.getByLabel("Search members").fill("");
    await expect(page.locator("#member-count")).toHaveText(everyone);
    // From the input event to the new count on screen: the request, the query and
    // the rendering of the new rows.
    searches.push(
      await page.evaluate(
        ([text, previous]) =>
          new Promise<number>((resolve) => {
            const input = document.querySelector<HTMLInputElement>("#member-search")!;
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if ((document.querySelector("#member-count")?.textContent ?? "") !== previous) {
                observer.disconnect();
                resolve(performance.now() - started);
              }
            });
            observer.observe(document.querySelector("main")!, { childList: true, subtree: true, characterData: true });
            input.value = text;
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }),
        [typed, everyone] as const,
      ),
    );
  }
  console.log(`search_ms ${median(searches).toFixed(0)}`);
});

// The pages measured for a first visit: anonymous, then signed in (BENCH_PROJECT is the
// id of a project alice can open).
const firstVisits: { path: string; signedIn: boolean }[] = [
  { path: "/sign-in", signedIn: false },
  { path: "/projects", signedIn: true },
  { path: `/projects/${process.env.BENCH_PROJECT}`, signedIn: true },
  { path: `/projects/${process.env.BENCH_PROJECT}/members`, signedIn: true },
  { path: "/org", signedIn: true },
];

test("scripts and WebAssembly a first visit fetches", async ({ browser, baseURL }) => {
  for (const { path, signedIn } of firstVisits) {
    // A new context: an empty cache, and a session made without loading any page.
    const context = await browser.newContext({ baseURL });
    if (signedIn) {
      const response = await context.request.post("/api/auth/sign_in", {
        form: { email: "alice@acme.test", password },
        headers: { Origin: baseURL! },
      });
      expect(response.ok()).toBe(true);
    }
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.locator("main[data-hydrated='true']")).toBeAttached();
    const fetched = await page.evaluate(() => [
      ...new Set(
        performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) => /\.(js|wasm)$/.test(new URL(name).pathname)),
      ),
    ]);
    console.log(`first_visit ${path} ${fetched.join(" ")}`);
    await context.close();
  }
});
