/**
 * The donate page without Stripe keys: it says payments are not configured, and posting the
 * form stores nothing and crashes nothing.
 */
import { db } from "#db/client";
import { contacts, donations } from "#db/schema";
import { action, loader } from "~/routes/donate._index";

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_BASE;
});

const form = {
  amount: "2500",
  frequency: "one_time",
  firstName: "No",
  lastName: "Keys",
  email: "nokeys@example.org",
  street: "1 Main St",
  city: "Las Cruces",
  state: "NM",
  zip: "88001",
  citizen: "on",
  ownFunds: "on",
  ownCard: "on",
  adult: "on",
};

describe("/donate without Stripe keys", () => {
  it("tells the visitor that payments are not configured", async () => {
    const data = (await loader({
      request: new Request("http://localhost/donate?amount=25&refcode=email-0301"),
      params: {},
      context: {},
    } as never)) as {
      paymentsConfigured: boolean;
      pacAddress: string;
      preselect: { amount: string; refcode: string };
    };
    expect(data.paymentsConfigured).toBe(false);
    // The page offers a check by mail instead, to this address.
    expect(data.pacAddress).toBe("PO Box 1234, Las Cruces, NM 88004");
    expect(data.preselect).toMatchObject({ amount: "2500", refcode: "email-0301" });
  });

  it("answers a posted form with an error and stores nothing", async () => {
    const request = new Request("http://localhost/donate", { method: "POST", body: new URLSearchParams(form) });
    const res = (await action({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain("not configured");
    expect(db().select().from(donations).all()).toHaveLength(0);
    expect(db().select().from(contacts).all()).toHaveLength(0);
  });

  it("returns field errors with status 400 for bad input", async () => {
    const request = new Request("http://localhost/donate", {
      method: "POST",
      body: new URLSearchParams({ ...form, zip: "x", adult: "" }),
    });
    const res = (await action({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.result.error).sort()).toEqual(["adult", "zip"]);
  });
});
