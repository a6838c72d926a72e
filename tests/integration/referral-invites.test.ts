/**
 * A public form that mails a third party (the suggested candidate) must not become a way to mail
 * strangers: one invitation per address in the window, an opt-out in every invitation that holds
 * for good, and no invitation to a suppressed address (CAN-SPAM, 15 U.S.C. § 7704(a)(3)-(4):
 * a working opt-out, honoured).
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { emailOutbox } from "#db/schema";
import { renderOutboxMessage } from "~/lib/outbox-render.server";
import { INVITE_WINDOW_DAYS, submitReferral } from "~/models/referrals.server";
import { suppressionFor } from "~/models/email-suppressions.server";
import { getSettings } from "~/models/settings.server";

const suggest = (referrer: string, suggestedEmail: string) =>
  submitReferral({
    referrer: { firstName: "Ana", email: referrer },
    suggestedName: "Luis Ortega",
    suggestedEmail,
    office: "City Council",
    reason: "Leads the tenants' union.",
    suggestedKnows: false,
  });

const invites = () => db().select().from(emailOutbox).where(eq(emailOutbox.template, "referral-invite")).all();

async function choose(url: string, intent: "opt-in" | "opt-out") {
  const { action } = await import("~/routes/refer_.opt-in.$token");
  const token = new URL(url).pathname.split("/").pop()!;
  const request = new Request(url, { method: "POST", body: new URLSearchParams({ intent }) });
  const response = await action({ request, params: { token }, context: {} } as never);
  return response.json();
}

it("invites an address once per window, however many people suggest it", () => {
  suggest("a@example.org", "luis@example.org");
  suggest("b@example.org", "LUIS@example.org");
  suggest("c@example.org", "luis@example.org");
  expect(invites()).toHaveLength(1);
  // After the window, one more.
  db()
    .update(emailOutbox)
    .set({ createdAt: new Date(Date.now() - (INVITE_WINDOW_DAYS + 1) * 86_400_000).toISOString() })
    .run();
  suggest("d@example.org", "luis@example.org");
  expect(invites()).toHaveLength(2);
});

it("carries an opt-out that stops every later invitation and all other mail to the address", async () => {
  suggest("a@example.org", "maria@example.org");
  const [invite] = invites();
  const message = await renderOutboxMessage(invite, getSettings());
  const optOut = /href="([^"]*choice=no[^"]*)"/.exec(message.html)![1].replaceAll("&amp;", "&");
  expect(message.text).toMatch(/Never email me again/);
  expect(await choose(optOut, "opt-out")).toMatchObject({ optedOut: true });
  expect(suppressionFor("Maria@example.org")).toBe("manual");
  db().update(emailOutbox).set({ createdAt: "2020-01-01T00:00:00.000Z" }).run();
  suggest("b@example.org", "maria@example.org");
  expect(invites()).toHaveLength(1);
});
