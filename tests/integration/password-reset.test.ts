/**
 * Staff password reset: the request says nothing about whether an account exists, a link works
 * once for 30 minutes, and a reset signs the account out everywhere and is audited.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { auditLog, emailOutbox, passwordResets, sessions, staffUsers } from "#db/schema";
import { createSession, findSessionUser } from "~/models/sessions.server";
import { createStaffUser, verifyStaffLogin } from "~/models/staff-users.server";
import {
  completePasswordReset,
  LINK_REFUSED,
  openPasswordReset,
  requestPasswordReset,
  RESET_CAP,
} from "~/models/password-resets.server";
import { EMAIL_ADDRESS_MESSAGE } from "~/lib/email-address";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password";
import type { IntentReply } from "~/lib/intent-action.server";
import { attemptAsync } from "../support/attempt";

const NEW_PASSWORD = "a brand new passphrase";

async function staff(email = "rosa@example.org") {
  return createStaffUser({ email, password: "the old passphrase", role: "staff" });
}

function mailedToken(to: string): string {
  const rows = db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, to)).all();
  const row = rows.filter((r) => r.template === "staff-password-reset").at(-1)!;
  const props = JSON.parse(row.propsJson) as { resetUrl: string; expiresInMinutes: number };
  expect(props.expiresInMinutes).toBe(30);
  return new URL(props.resetUrl).searchParams.get("token")!;
}

/** The messages a refused form shows next to each field. */
async function fieldErrors(res: Response): Promise<Record<string, string[] | null>> {
  const reply = (await res.json()) as IntentReply;
  return reply.result?.error ?? {};
}

function postForm(action: typeof forgotAction | typeof resetAction, fields: Record<string, string>, ip = "10.9.0.1") {
  const request = new Request("http://localhost/x", { method: "POST", body: new URLSearchParams(fields) });
  return action({ request, params: {}, context: { clientIp: ip } } as never) as Promise<Response>;
}

describe("asking for a reset", () => {
  it("answers the same for an address with and without an account, and mails only the account", async () => {
    await staff();
    const known = await postForm(forgotAction, { email: "Rosa@Example.org" }, "10.9.0.2");
    const unknown = await postForm(forgotAction, { email: "nobody@example.org" }, "10.9.0.2");
    for (const res of [known, unknown]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/forgot-password/sent");
    }
    const mail = db().select().from(emailOutbox).all();
    expect(mail.map((m) => [m.template, m.toEmail])).toEqual([["staff-password-reset", "rosa@example.org"]]);
    expect(db().select().from(passwordResets).all()).toHaveLength(1);
    // Only a hash of the mailed token is stored.
    const token = mailedToken("rosa@example.org");
    expect(JSON.stringify(db().select().from(passwordResets).all())).not.toContain(token.split(".")[0]);
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toContain("password_reset_requested");
  });

  it("is limited per connection by the public-form gate and per account, and never mails a disabled account", async () => {
    const rosa = await staff();
    const ip = `10.8.${process.pid % 250}.${Date.now() % 250}`;
    for (let n = 0; n < 10; n++)
      expect((await postForm(forgotAction, { email: "rosa@example.org" }, ip)).status).toBe(302);
    const refused = await postForm(forgotAction, { email: "rosa@example.org" }, ip);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toContain("Too many submissions");
    // Ten requests got through the gate, but the account got RESET_CAP links this hour.
    expect(db().select().from(passwordResets).all()).toHaveLength(RESET_CAP);
    requestPasswordReset("rosa@example.org", new Date(Date.now() + 61 * 60_000));
    expect(db().select().from(passwordResets).all()).toHaveLength(RESET_CAP + 1);

    const ben = await staff("ben@example.org");
    db().update(staffUsers).set({ disabledAt: new Date().toISOString() }).where(eq(staffUsers.id, ben.id)).run();
    requestPasswordReset("ben@example.org");
    expect(db().select().from(passwordResets).where(eq(passwordResets.staffUserId, ben.id)).all()).toHaveLength(0);
    expect(rosa.id).not.toBe(ben.id);
  });

  it("mails no link when the hidden field bots fill is filled, though the address has an account", async () => {
    await staff();
    const res = await postForm(forgotAction, { email: "rosa@example.org", website_url: "http://spam.example" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/forgot-password/sent");
    expect(db().select().from(passwordResets).all()).toHaveLength(0);
    expect(db().select().from(emailOutbox).all()).toHaveLength(0);
  });

  it("shows bad input next to the field", async () => {
    const res = await postForm(forgotAction, { email: "rosa@" });
    expect(res.status).toBe(400);
    expect((await fieldErrors(res)).email).toEqual([EMAIL_ADDRESS_MESSAGE]);
  });
});

describe("using the link", () => {
  it("sets the password once, signs the account out everywhere, ends its other links and is audited", async () => {
    const rosa = await staff();
    const session = createSession(rosa.id);
    requestPasswordReset("rosa@example.org");
    const first = mailedToken("rosa@example.org");
    requestPasswordReset("rosa@example.org");
    const second = mailedToken("rosa@example.org");
    expect(second).not.toBe(first);
    expect(openPasswordReset(first)).toMatchObject({ staffUserId: rosa.id, email: "rosa@example.org" });

    const res = await postForm(resetAction, { token: first, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?reset=done");
    expect(await verifyStaffLogin("rosa@example.org", NEW_PASSWORD)).toMatchObject({ id: rosa.id });
    expect(await verifyStaffLogin("rosa@example.org", "the old passphrase")).toBeNull();
    expect(findSessionUser(session.id)).toBeUndefined();
    expect(db().select().from(sessions).where(eq(sessions.staffUserId, rosa.id)).all()).toHaveLength(0);
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "password_reset")).all();
    expect(audit).toMatchObject([{ staffUserId: rosa.id, entity: "staff_user", entityId: rosa.id }]);
    expect(JSON.parse(audit[0].afterJson!)).toEqual({ sessionsRevoked: 1 });

    // Used: refused. The other open link ended with the reset.
    for (const token of [first, second]) {
      expect(openPasswordReset(token)).toBeNull();
      await expect(completePasswordReset(token, "yet another passphrase")).rejects.toThrow(LINK_REFUSED);
    }
    expect(await verifyStaffLogin("rosa@example.org", NEW_PASSWORD)).not.toBeNull();
  });

  it("refuses a link after 30 minutes, and a forged or altered one", async () => {
    await staff();
    const asked = new Date();
    requestPasswordReset("rosa@example.org", asked);
    const token = mailedToken("rosa@example.org");
    const at = (minutes: number) => new Date(asked.getTime() + minutes * 60_000);
    expect(openPasswordReset(token, at(29))).not.toBeNull();
    expect(openPasswordReset(token, at(30))).toBeNull();
    expect(await attemptAsync(() => completePasswordReset(token, NEW_PASSWORD, at(31)))).toMatchObject({
      ok: false,
      errors: { "": LINK_REFUSED },
    });
    const [secret, sig] = token.split(".");
    expect(openPasswordReset(`${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}.${sig}`, at(1))).toBeNull();
    expect(openPasswordReset("garbage", at(1))).toBeNull();
    expect(openPasswordReset(null, at(1))).toBeNull();
  });

  it("lets only one of two simultaneous uses of a link through", async () => {
    await staff();
    requestPasswordReset("rosa@example.org");
    const token = mailedToken("rosa@example.org");
    const results = await Promise.all([
      attemptAsync(() => completePasswordReset(token, "first of two passphrases")),
      attemptAsync(() => completePasswordReset(token, "second of two passphrases")),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ errors: { "": LINK_REFUSED } }]);
  });

  it("keeps the password rules, with each message next to its field", async () => {
    await staff();
    requestPasswordReset("rosa@example.org");
    const token = mailedToken("rosa@example.org");
    const short = await postForm(resetAction, { token, password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    const shortErrors = await fieldErrors(short);
    expect(shortErrors.password).toEqual(["Use at least 12 characters."]);
    const differ = await postForm(resetAction, { token, password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    expect((await fieldErrors(differ)).confirm).toEqual(["The two passwords differ."]);
    // Neither attempt used the link up.
    expect(openPasswordReset(token)).not.toBeNull();
  });

  it("says above the form that a link no longer works, without sending the passwords back", async () => {
    await staff();
    const res = await postForm(resetAction, { token: "not-a-token", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect((JSON.parse(text) as IntentReply).result?.error).toEqual({ "": [LINK_REFUSED] });
    expect(text).not.toContain(NEW_PASSWORD);
  });
});
