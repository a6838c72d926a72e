/**
 * Adding a staff account: the model refuses a taken address or a short password with a
 * RuleViolation naming the field, and the page shows it there without echoing the password.
 */
import { db } from "#db/client";
import { staffUsers } from "#db/schema";
import { action } from "~/routes/admin.staff";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";
import { RuleViolation } from "~/models/rule-violation.server";

const PASSWORD = "a long enough password";

it("refuses a second account for the same address, whatever its case, on the email field", async () => {
  await createStaffUser({ email: "ana@example.org", password: PASSWORD, role: "staff" });
  const refusal = await createStaffUser({ email: "ANA@example.org", password: PASSWORD, role: "admin" }).catch(
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(RuleViolation);
  expect((refusal as RuleViolation).errors).toEqual({ email: "A staff account with this email already exists." });
  expect(db().select().from(staffUsers).all()).toHaveLength(1);
});

it("refuses a short password on the password field", async () => {
  const refusal = await createStaffUser({ email: "ben@example.org", password: "short", role: "staff" }).catch(
    (e: unknown) => e,
  );
  expect((refusal as RuleViolation).field).toBe("password");
  expect(db().select().from(staffUsers).all()).toHaveLength(0);
});

it("the page shows a taken address next to the email field and never sends the password back", async () => {
  const admin = await createStaffUser({ email: "chair@example.org", password: PASSWORD, role: "admin" });
  const cookie = (await serializeSessionCookie(createSession(admin.id).id)).split(";")[0];
  const request = new Request("http://localhost/admin/staff", {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams({ email: "chair@example.org", password: PASSWORD, role: "staff" }),
  });
  const response = await action({ request, params: {}, context: {} } as never);
  expect(response.status).toBe(400);
  const body = await response.json();
  expect(body.result.error.email).toEqual(["A staff account with this email already exists."]);
  expect(JSON.stringify(body)).not.toContain(PASSWORD);
});
