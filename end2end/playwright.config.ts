import { defineConfig } from "@playwright/test";

// Each worker has a server of its own (the fixtures point a test at the one of its
// worker, see tests/fixtures.ts): on SQLite with the dev mailbox (no SMTP_URL), from a
// fresh database each run, exactly as a newcomer's first start but on its own port.
// Two workers: most of a browser test is waiting, so two take about half the time
// on two cores, and no test sees another's changes.
const port = Number(process.env.E2E_PORT ?? 3210);
const workers = Number(process.env.E2E_WORKERS ?? 2);
const baseURL = `http://127.0.0.1:${port}`;

/** The server of the worker with the given parallel index. */
function server(index: number) {
  const url = `http://127.0.0.1:${port + index}`;
  const db = `../target/e2e/db-${index}`;
  return {
    command: `rm -rf ${db} && mkdir -p ${db} && exec ../target/debug/server`,
    url: `${url}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: `sqlite://${db}/e2e.db?mode=rwc`,
      LISTEN_ADDR: `127.0.0.1:${port + index}`,
      PUBLIC_URL: url,
      LEPTOS_SITE_ROOT: "../target/site",
      DEMO_DATA: "1",
      // Acme as large as the benchmarks' and the issue's: 10,005 members, 201 pages.
      DEMO_MEMBERS: "10000",
      RUST_LOG: "warn",
    },
  };
}

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers,
  reporter: [["list"]],
  outputDir: "../target/e2e/results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: Array.from({ length: workers }, (_, index) => server(index)),
});
