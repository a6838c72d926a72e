import { readEnv } from "~/lib/env.server";

describe("environment", () => {
  it("refuses to start in production without SESSION_SECRET", () => {
    expect(() => readEnv({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toThrow(/SESSION_SECRET is required in production/);
    expect(readEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) } as NodeJS.ProcessEnv).NODE_ENV).toBe("production");
  });

  it("runs without any secret outside production, with the documented defaults", () => {
    const env = readEnv({} as NodeJS.ProcessEnv);
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBe("data/champions.db");
    expect(env.EMAIL_SENDER_IN_SERVER).toBe("1");
  });
});
