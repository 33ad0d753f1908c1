import { test, expect, openHydrated, uniqueEmail, linkFromMailbox, signIn, watchConsole } from "./fixtures";

const password = "correct horse battery";

test("alice invites a developer, who joins through the link; alice changes, finds, sorts and removes them", async ({ page, browser }) => {
  const email = uniqueEmail("ivy");
  await signIn(page, "alice@acme.test", "packagento-demo");
  await openHydrated(page, "/org");
  await expect(page.getByText("Acme · you are an owner")).toBeVisible();
  await expect(page.getByLabel("Workspace name"), "the rename field shows the current name").toHaveValue("Acme");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("developer");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(`Invite sent to ${email}.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Pending");
  await expect(page.getByLabel("Email"), "the invite form is cleared for the next address").toHaveValue("");

  const context = await browser.newContext();
  const invitee = await context.newPage();
  const inviteeProblems = watchConsole(invitee);
  const link = await linkFromMailbox(invitee, email, "/invite?token=");
  await expect(invitee.locator("article", { hasText: `To: ${email}` }).first(), "the email names the workspace").toContainText(
    "Alice Anders invited you to join Acme on Packagento as a developer.",
  );
  await openHydrated(invitee, link);
  await expect(invitee.getByText("You are invited to join Acme as a developer.")).toBeVisible();
  await invitee.getByLabel("Display name").fill("Ivy Invitee");
  await invitee.getByLabel("Password").fill(password);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/projects$/);
  await expect(invitee.getByText("The projects of Acme")).toBeVisible();
  expect(inviteeProblems).toEqual([]);
  await context.close();

  await openHydrated(page, "/org");
  await page.getByLabel("Search members").fill("Ivy Invitee");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await page.getByLabel("Role of Ivy Invitee").selectOption("viewer");
  await expect(page.getByRole("status").filter({ hasText: "Ivy Invitee is now a viewer." })).toBeVisible();
  await page.getByLabel("Role of Ivy Invitee").selectOption("billing");
  await expect(page.getByRole("status").filter({ hasText: "Ivy Invitee is now a billing member." })).toBeVisible();
  await page.getByLabel("Role of Ivy Invitee").selectOption("admin");
  await expect(page.getByRole("status").filter({ hasText: "Ivy Invitee is now an admin." })).toBeVisible();
  await openHydrated(page, "/org?q=Ivy+Invitee");
  await expect(page.getByText("(Developer → Viewer)"), "the feed says from which role to which").toBeVisible();
  await expect(page.getByText("(Billing → Admin)")).toBeVisible();

  await page.getByLabel("Search members").fill("");
  await page.getByRole("link", { name: "Role", exact: true }).click();
  await expect(page.locator("table.members").getByRole("columnheader", { name: "Role" })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: "Role", exact: true }).click();
  await expect(page.locator("table.members").getByRole("columnheader", { name: "Role" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.locator("table.members tbody tr").first()).toContainText("Alice Anders");

  await page.getByLabel("Search members").fill("Ivy Invitee");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await page.getByRole("button", { name: "Remove Ivy Invitee" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Ivy Invitee?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove Ivy Invitee" }).click();
  await expect(page.getByText("Ivy Invitee was removed.")).toBeVisible();
  await expect(page.locator("#member-count")).toHaveText("No members match.");
  await expect(page.getByText("removed Ivy Invitee")).toBeVisible();
});

test("an admin is offered roles up to their own and no control over the owner", async ({ page }) => {
  await signIn(page, "bob@acme.test", "packagento-demo");
  await openHydrated(page, "/org");
  await page.getByLabel("Search members").fill("Carol Chen");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  const select = page.getByLabel("Role of Carol Chen");
  await expect(select.locator("option")).toHaveText(["Admin", "Developer", "Billing", "Viewer"]);
  await page.getByLabel("Search members").fill("Alice Anders");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await expect(page.getByLabel("Role of Alice Anders")).toHaveCount(0);
});

test("a refused role change rolls back the dropdown and says why", async ({ page, browser, baseURL }) => {
  await signIn(page, "bob@acme.test", "packagento-demo");
  await openHydrated(page, "/org");
  await page.getByLabel("Search members").fill("Carol Chen");
  await expect(page.locator("#member-count")).toHaveText("1 member");

  // Meanwhile alice demotes bob, so his page now offers what the server refuses.
  const alice = await browser.newContext();
  const origin = { Origin: baseURL! };
  const signedIn = await alice.request.post("/api/auth/sign_in", {
    form: { email: "alice@acme.test", password: "packagento-demo" },
    headers: origin,
  });
  expect(signedIn.ok()).toBeTruthy();
  const found = await alice.request.post("/api/team/list_members", {
    form: { search: "bob@acme.test", sort: "Name", descending: "false", page: "0" },
    headers: origin,
  });
  const bobId = String((await found.json()).rows[0].user_id);
  const demote = (role: string) =>
    alice.request.post("/api/team/change_member_role", { form: { user_id: bobId, role }, headers: origin });
  expect((await demote("developer")).ok()).toBeTruthy();

  try {
    const select = page.getByLabel("Role of Carol Chen");
    await select.selectOption("viewer");
    await expect(page.getByRole("alert").filter({ hasText: "Your role does not allow this." })).toBeVisible();
    await expect(select).toHaveValue("developer");
  } finally {
    expect((await demote("admin")).ok()).toBeTruthy();
    await alice.close();
  }
});

test("two roles changed one after the other: each dropdown follows its own save, and only the last says Saved", async ({ page }) => {
  await signIn(page, "alice@acme.test", "packagento-demo");
  await openHydrated(page, "/org?q=Novak+000");
  const ada = page.getByLabel("Role of Ada Novak 0000");
  const dmitri = page.getByLabel("Role of Dmitri Novak 0003");
  const status = (name: string) => page.getByRole("row", { name: new RegExp(name) }).locator(".row-status");
  await expect(ada).toHaveValue("developer");
  await expect(dmitri).toHaveValue("developer");
  try {
    await ada.selectOption("viewer");
    await expect(page.getByRole("status").filter({ hasText: "Ada Novak 0000 is now a viewer." })).toBeVisible();
    await expect(status("Ada Novak 0000")).toHaveText("Saved");
    await expect(status("Dmitri Novak 0003")).toHaveText("");
    await dmitri.selectOption("billing");
    await expect(page.getByRole("status").filter({ hasText: "Dmitri Novak 0003 is now a billing member." })).toBeVisible();
    await expect(status("Dmitri Novak 0003")).toHaveText("Saved");
    await expect(status("Ada Novak 0000"), "only the dropdown that sent the last save says Saved").toHaveText("");
    await expect(ada, "an answer to another row leaves this one as saved").toHaveValue("viewer");
    await openHydrated(page, "/org?q=Novak+000");
    await expect(ada).toHaveValue("viewer");
    await expect(dmitri).toHaveValue("billing");
  } finally {
    await ada.selectOption("developer");
    await expect(status("Ada Novak 0000")).toHaveText("Saved");
    await dmitri.selectOption("developer");
    await expect(status("Dmitri Novak 0003")).toHaveText("Saved");
  }
});

test("the member lists page through 10,005 members with links, and the URL keeps the view", async ({ page }) => {
  await signIn(page, "alice@acme.test", "packagento-demo");
  const storefront = await page.getByRole("link", { name: "Storefront" }).getAttribute("href");
  for (const [path, pager] of [["/org", "Member pages"], [`${storefront}/members`, "Member pages"]] as const) {
    await openHydrated(page, path);
    const nav = page.getByRole("navigation", { name: pager }).first();
    await expect(nav).toContainText("Page 1 of 201");
    const firstRow = await page.locator("table.members tbody tr").first().textContent();
    await nav.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(nav).toContainText("Page 2 of 201");
    await expect(page.locator("table.members tbody tr").first()).not.toHaveText(firstRow ?? "");
    await nav.getByRole("link", { name: "Last page" }).click();
    await expect(nav).toContainText("Page 201 of 201");
    await expect(nav.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await nav.getByRole("link", { name: "Previous page" }).click();
    await expect(nav).toContainText("Page 200 of 201");
    await page.goBack();
    await expect(nav).toContainText("Page 201 of 201");
    await page.reload();
    await expect(nav).toContainText("Page 201 of 201");
    // A page number past the end shows the last page.
    await openHydrated(page, `${path}?page=9999`);
    await expect(page.getByRole("navigation", { name: pager }).first()).toContainText("Page 201 of 201");
  }
  // Sorting and searching are in the URL too, and survive a reload.
  await openHydrated(page, "/org");
  await page.getByRole("link", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/sort=email/);
  await page.getByLabel("Search members").fill("carol");
  await expect(page).toHaveURL(/q=carol/);
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await page.reload();
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await expect(page.getByLabel("Search members")).toHaveValue("carol");
  await expect(page.locator("table.members").getByRole("columnheader", { name: "Email" })).toHaveAttribute("aria-sort", "ascending");
});

test("an owner downloads the access review by keyboard; a developer is offered none", async ({ page, browser }) => {
  await signIn(page, "alice@acme.test", "packagento-demo");
  await openHydrated(page, "/org");
  const section = page.getByRole("region", { name: "Access review" });
  const link = section.getByRole("link", { name: "Download the members (CSV)" });
  await link.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/^access-review-members-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const text = (await import("node:fs")).readFileSync(file ?? "", "utf8");
  expect(text.split("\r\n")[0]).toBe("Name,Email,Role,Joined,Last sign-in,Project grants");
  expect(text).toContain("erin@acme.test,viewer,");
  await expect(page, "the page stays where it was").toHaveURL(/\/org$/);
  await page.reload();
  await expect(page.getByText("downloaded the access review of the members").first()).toBeVisible();

  const context = await browser.newContext();
  const carol = await context.newPage();
  await signIn(carol, "carol@acme.test", "packagento-demo");
  await openHydrated(carol, "/org");
  await expect(carol.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(carol.getByRole("region", { name: "Access review" })).toHaveCount(0);
  await context.close();
});

test("an owner limits how long new keys last; a developer is offered only lifetimes within it", async ({ page, browser }) => {
  await signIn(page, "alice@acme.test", "packagento-demo");
  await openHydrated(page, "/org");
  const limit = page.getByLabel("Longest lifetime of new access keys");
  await limit.selectOption("30 days");
  await page.getByRole("button", { name: "Save lifetime" }).click();
  await expect(page.getByText("Saved. Keys minted before keep their expiry.")).toBeVisible();
  await page.reload();
  await expect(limit, "the server renders the limit set").toHaveValue("30");

  const context = await browser.newContext();
  const carol = await context.newPage();
  await signIn(carol, "carol@acme.test", "packagento-demo");
  await carol.getByRole("link", { name: "Storefront" }).first().click();
  const lifetimes = carol.getByLabel("Expires").locator("option");
  await expect(lifetimes).toHaveText(["30 days"]);
  await context.close();

  await limit.selectOption("No limit");
  await page.getByRole("button", { name: "Save lifetime" }).click();
  await expect(page.getByText("Saved. Keys minted before keep their expiry.")).toBeVisible();
});
