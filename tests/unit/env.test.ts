import { readEnv } from "~/lib/env.server";

describe("environment", () => {
  it("refuses to start in production without SESSION_SECRET", () => {
    expect(() => readEnv({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toThrow(
      /SESSION_SECRET is required in production/,
    );
    expect(readEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) } as NodeJS.ProcessEnv).NODE_ENV).toBe(
      "production",
    );
  });

  // RFC 8058 §3.1: the List-Unsubscribe URI for one-click must be https.
  it("refuses to start in production with a Resend key but no https PUBLIC_URL", () => {
    const base = { NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), RESEND_API_KEY: "re_live" };
    expect(() => readEnv(base as NodeJS.ProcessEnv)).toThrow(/PUBLIC_URL must be this site's https:\/\/ address/);
    expect(() => readEnv({ ...base, PUBLIC_URL: "http://pac.example" } as NodeJS.ProcessEnv)).toThrow(/PUBLIC_URL/);
    expect(readEnv({ ...base, PUBLIC_URL: "https://pac.example" } as NodeJS.ProcessEnv).PUBLIC_URL).toBe(
      "https://pac.example",
    );
    expect(() => readEnv({ ...base, RESEND_BASE_URL: "https://api.resend.com" } as NodeJS.ProcessEnv)).toThrow(
      /PUBLIC_URL/,
    );
    // Without a key (or with a local stand-in for Resend) nothing is mailed to anyone.
    expect(readEnv({ ...base, RESEND_BASE_URL: "http://127.0.0.1:3330" } as NodeJS.ProcessEnv).NODE_ENV).toBe(
      "production",
    );
    expect(readEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) } as NodeJS.ProcessEnv).NODE_ENV).toBe(
      "production",
    );
  });

  it("runs without any secret outside production, with the documented defaults", () => {
    const env = readEnv({} as NodeJS.ProcessEnv);
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBe("data/champions.db");
    expect(env.EMAIL_SENDER_IN_SERVER).toBe("1");
  });
});
