import { defineConfig } from "@playwright/test";

// The browser half of scripts/bench: Debian's Chromium against a server the script
// started (BENCH_URL), one worker, figures printed to the console.
export default defineConfig({
  testDir: "./bench",
  testMatch: "*.bench.ts",
  timeout: 180_000,
  workers: 1,
  reporter: [["list"]],
  outputDir: "../target/bench/browser",
  use: {
    baseURL: process.env.BENCH_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    },
  },
});
