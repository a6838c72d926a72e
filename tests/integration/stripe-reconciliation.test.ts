/**
 * Reconciliation against the fake's balance transactions: a gift whose webhooks were all lost is
 * recorded from Stripe's statement, a month whose invoice never arrived is listed for staff, a
 * difference is listed once however many runs see it, and staff resolve it (audited).
 */
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "#db/client";
import { auditLog, donations, moneyEntries, reconciliationDifferences } from "#db/schema";
import { startCheckout as startCheckoutOrRefuse } from "~/models/donation-checkout.server";
import { createStaffUser } from "~/models/staff-users.server";
import {
  openDifferences,
  reconcileStripe,
  reconciliationStart,
  resolveDifference,
} from "~/models/stripe-reconciliation.server";
import { postEntry } from "~/models/money-ledger.server";
import { deliverWebhook, donor, setAutoDeliver, startStripeHarness } from "../support/stripe-harness";
import type { FakeStripe } from "../fakes/stripe-server";
import { attemptAsync } from "../support/attempt";
const startCheckout = (...args: Parameters<typeof startCheckoutOrRefuse>) =>
  attemptAsync(() => startCheckoutOrRefuse(...args));

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startStripeHarness({ autoDeliver: false });
});
beforeEach(() => {
  setAutoDeliver(false);
  fake.reset();
});
afterAll(() => fake.close());

async function checkoutPaid(over: Parameters<typeof donor>[0] = {}) {
  const result = await startCheckout(donor(over) as never);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const before = fake.events.length;
  await fake.pay(result.url.split("/").pop()!);
  return { donationId: result.donationId, events: fake.events.slice(before) };
}

it("records a one-time gift whose webhooks were all lost, with its fee and receipt email", async () => {
  const { donationId } = await checkoutPaid({ amountCents: 4_200 });
  expect(db().select().from(donations).where(eq(donations.id, donationId)).get()!.status).toBe("pending");
  const run = await reconcileStripe({ since: 0 });
  expect(run).toMatchObject({ error: null, transactionsRead: 1, entriesCreated: 2, differencesFound: 0 });
  const d = db().select().from(donations).where(eq(donations.id, donationId)).get()!;
  expect(d).toMatchObject({ status: "succeeded", amountCents: 4_200, feeCents: Math.round(4_200 * 0.029) + 30 });
  expect(d.stripeChargeId).toMatch(/^ch_/);
  // The next run starts a day before this one began and adds nothing.
  expect(reconciliationStart()).toBeGreaterThan(0);
  expect(await reconcileStripe()).toMatchObject({ entriesCreated: 0, differencesFound: 0 });
});

it("lists a month whose invoice never arrived, once, until staff resolve it", async () => {
  const { events } = await checkoutPaid({ monthly: true, amountCents: 1_500 });
  for (const e of events) expect((await deliverWebhook(e.payload, e.signature)).status).toBe(200);
  const sub = events.find((e) => e.event.type === "checkout.session.completed")!.event.data.object.subscription;
  await fake.renew(sub); // its invoice.paid is lost for good
  const run = await reconcileStripe({ since: 0 });
  expect(run).toMatchObject({ error: null, differencesFound: 1 });
  expect(openDifferences()).toEqual([
    expect.objectContaining({ problem: "payment_without_gift", stripeCents: 1_500, donationId: null }),
  ]);
  expect(await reconcileStripe({ since: 0 })).toMatchObject({ differencesFound: 0 });
  expect(openDifferences()).toHaveLength(1);

  const staff = await createStaffUser({
    email: "treasurer@example.org",
    password: "correct horse battery",
    role: "admin",
  });
  expect(resolveDifference(openDifferences()[0].id, staff.id)).toBe(true);
  expect(openDifferences()).toHaveLength(0);
  expect(
    db()
      .select()
      .from(auditLog)
      .all()
      .map((a) => a.action),
  ).toContain("resolve");
});

it("flags a receipt whose amount differs from what Stripe received", async () => {
  const { donationId, events } = await checkoutPaid({ amountCents: 3_000 });
  // The books were written by hand before the webhook: a receipt of $25 for a $30 payment.
  db().transaction((tx) =>
    postEntry({ donationId, kind: "receipt", amountCents: 2_500, effectiveAt: new Date().toISOString() }, tx),
  );
  for (const e of events) await deliverWebhook(e.payload, e.signature);
  await reconcileStripe({ since: 0 });
  const [difference] = db().select().from(reconciliationDifferences).all();
  expect(difference).toMatchObject({ problem: "receipt_amount", stripeCents: 3_000, ledgerCents: 2_500, donationId });
  expect(db().select().from(moneyEntries).where(eq(moneyEntries.kind, "receipt")).all()).toHaveLength(1);
});

it("records a failed run with its error and starts the next one from the last good run", async () => {
  const good = await reconcileStripe({ since: 0 });
  expect(good.error).toBeNull();
  // Stripe cannot be reached: nothing listens on the discard port.
  const unreachable = new Stripe("sk_test_unreachable", {
    host: "127.0.0.1",
    port: 9,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  const failed = await reconcileStripe({ client: unreachable });
  expect(failed.error).toBeTruthy();
  expect(reconciliationStart()).toBe(Math.floor(Date.parse(good.startedAt) / 1000) - 86_400);
});
