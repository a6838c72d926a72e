import { defineConfig } from "@playwright/test";

// Each run gets its own port and database so that parallel runs on one machine do not collide.
const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATABASE = process.env.E2E_DATABASE ?? `tests/.tmp/e2e-${port}.db`;
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `tests/.tmp/playwright-results-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: `tests/.tmp/playwright.json` }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "tsx tests/e2e/server.ts",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: E2E_DATABASE,
      SESSION_SECRET: E2E_SESSION_SECRET,
      BUILD_DIR: `tests/.tmp/build-${port}`,
    },
  },
});
