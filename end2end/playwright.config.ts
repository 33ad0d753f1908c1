import { defineConfig } from "@playwright/test";

// The server runs on SQLite with the dev mailbox (no SMTP_URL), from a fresh
// database each run, exactly as a newcomer's first start but on its own port.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
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
  webServer: {
    command:
      "rm -rf ../target/e2e/db && mkdir -p ../target/e2e/db && exec ../target/debug/server",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: "sqlite://../target/e2e/db/e2e.db?mode=rwc",
      LISTEN_ADDR: `127.0.0.1:${port}`,
      PUBLIC_URL: baseURL,
      LEPTOS_SITE_ROOT: "../target/site",
      DEMO_DATA: "1",
      // Acme as large as the benchmarks' and the issue's: 10,005 members, 201 pages.
      DEMO_MEMBERS: "10000",
      RUST_LOG: "warn",
    },
  },
});
