import { action as loginAction } from "~/routes/login";
import { createStaffUser } from "~/models/staff-users.server";
import { db } from "#db/client";
import { sessions } from "#db/schema";
import { loginDelayMs, MAX_LOGIN_DELAY_MS, recordLoginFailure } from "~/lib/login-throttle.server";

function login(email: string, password: string, ip: string, redirectTo = "/admin/donations") {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo }),
  });
  return loginAction({ request, params: {}, context: { clientIp: ip } } as never) as Promise<Response>;
}

const unique = () => `${process.pid}-${Math.random().toString(36).slice(2)}`;

describe("staff login", () => {
  it("gives a wrong password and an unknown email the same answer", async () => {
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    const wrong = await login(email, "not the password", `ip-${unique()}`);
    const unknown = await login(`nobody-${unique()}@example.org`, "whatever password", `ip-${unique()}`);
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const messages = async (res: Response) => JSON.stringify((await res.json()).result.error);
    expect(await messages(wrong)).toBe(await messages(unknown));
  });

  it("signs in with the right password, sets an httpOnly SameSite=Lax cookie and goes where asked", async () => {
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    const res = await login(email.toUpperCase(), "the right password", `ip-${unique()}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/donations");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  // A stranger who knows a staff email must not be able to lock its owner out: failures slow
  // attempts on the account down (a growing delay), they never refuse the right password.
  it("slows an account down after failures instead of locking it, and the owner still signs in", async () => {
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    for (let i = 0; i < 5; i++) expect((await login(email, "wrong password", `ip-${unique()}`)).status).toBe(400);
    expect(loginDelayMs(email)).toBeGreaterThanOrEqual(1000);
    const started = Date.now();
    const res = await login(email, "the right password", `ip-${unique()}`);
    expect(res.status).toBe(302);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(loginDelayMs(email)).toBe(0);
  });

  it("grows the delay with each failure up to a cap", () => {
    const email = `staff-${unique()}@example.org`;
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      recordLoginFailure(`ip-${unique()}`, email);
      delays.push(loginDelayMs(email));
    }
    expect(delays.slice(0, 2)).toEqual([0, 0]);
    for (let i = 3; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays.at(-1)).toBe(MAX_LOGIN_DELAY_MS);
  });

  it("locks an address after 30 failures across many emails", async () => {
    const ip = `ip-${unique()}`;
    for (let i = 0; i < 30; i++) await login(`guess-${i}-${unique()}@example.org`, "wrong password", ip);
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    expect((await login(email, "the right password", ip)).status).toBe(429);
    expect((await login(email, "the right password", `ip-${unique()}`)).status).toBe(302);
  });

  // The login form copies ?redirectTo= into a hidden field, decoded: "/%09/evil.example" arrives
  // as "/<tab>/evil.example", which a browser reads as "//evil.example" (another site).
  it.each([
    ["/\t/evil.example/phish"],
    ["/%09/evil.example/phish"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["https://evil.example/"],
    ["/admin\nSet-Cookie: x=1"],
    ["/admin\r"],
    ["/admin "],
    ["/\u0000admin"],
  ])("sends %j to a path on this site, with one session and no error", async (redirectTo) => {
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    const res = await login(email, "the right password", `ip-${unique()}`, redirectTo);
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(new URL(location, "http://localhost").origin).toBe("http://localhost");
    expect(location).toMatch(/^\/(?![/\\])/);
    expect(db().select().from(sessions).all()).toHaveLength(1);
  });

  it("keeps a same-site path with its query", async () => {
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    const res = await login(email, "the right password", `ip-${unique()}`, "/admin/contacts?q=flores#list");
    expect(res.headers.get("Location")).toBe("/admin/contacts?q=flores#list");
  });
});
