import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${root}/app/` },
      { find: /^#db\//, replacement: `${root}/db/` },
      { find: /^#emails\//, replacement: `${root}/emails/` },
    ],
  },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    globals: true,
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/fresh-database.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
    reporters: ["default", ["json", { outputFile: "tests/.tmp/vitest.json" }]],
  },
});
