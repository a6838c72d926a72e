import { action as loginAction } from "~/routes/login";
import { createStaffUser } from "~/models/staff-users.server";

function login(email: string, password: string, ip: string) {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/admin/donations" }),
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
    const messages = async (res: Response) => JSON.stringify((await res.json()).error);
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

  it("locks an email after 5 failures, even with the right password, without locking others", async () => {
    const email = `staff-${unique()}@example.org`;
    const other = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    await createStaffUser({ email: other, password: "the right password", role: "staff" });
    for (let i = 0; i < 5; i++) expect((await login(email, "wrong password", `ip-${unique()}`)).status).toBe(400);
    expect((await login(email, "the right password", `ip-${unique()}`)).status).toBe(429);
    expect((await login(other, "the right password", `ip-${unique()}`)).status).toBe(302);
  });

  it("locks an address after 30 failures across many emails", async () => {
    const ip = `ip-${unique()}`;
    for (let i = 0; i < 30; i++) await login(`guess-${i}-${unique()}@example.org`, "wrong password", ip);
    const email = `staff-${unique()}@example.org`;
    await createStaffUser({ email, password: "the right password", role: "staff" });
    expect((await login(email, "the right password", ip)).status).toBe(429);
    expect((await login(email, "the right password", `ip-${unique()}`)).status).toBe(302);
  });
});
