import { sqlite } from "#db/client";

function run(sql: string) {
  return () => sqlite().prepare(sql).run();
}

describe("database constraints", () => {
  beforeEach(() => {
    sqlite()
      .prepare(
        "insert into contacts (id, first_name, email, email_normalized) values (1, 'Ana', 'Ana@Example.org', 'ana@example.org')",
      )
      .run();
  });

  it("refuses negative money", () => {
    expect(
      run(
        "insert into donations (contact_id, amount_cents, donor_first_name, donor_last_name) values (1, -1, 'A', 'B')",
      ),
    ).toThrow(/CHECK constraint failed: donations_amount_check/);
    expect(run("insert into recurring_plans (contact_id, amount_cents) values (1, -500)")).toThrow(
      /CHECK constraint failed/,
    );
    expect(
      run(
        "insert into donations (contact_id, amount_cents, refunded_cents, donor_first_name, donor_last_name) values (1, 100, 101, 'A', 'B')",
      ),
    ).toThrow(/donations_refunded_check/);
  });

  it("refuses an unknown enum value", () => {
    expect(
      run(
        "insert into donations (contact_id, amount_cents, status, donor_first_name, donor_last_name) values (1, 100, 'teleported', 'A', 'B')",
      ),
    ).toThrow(/donations_status_check/);
    expect(
      run(
        "insert into staff_users (contact_id, email_normalized, password_hash, role) values (1, 'a@b.c', 'x', 'owner')",
      ),
    ).toThrow(/staff_users_role_check/);
    expect(
      run("insert into email_outbox (template, to_email, idempotency_key, status) values ('t', 'a@b.c', 'k', 'lost')"),
    ).toThrow(/email_outbox_status_check/);
  });

  it("refuses a duplicate normalised email and an unnormalised one", () => {
    expect(
      run(
        "insert into contacts (first_name, email, email_normalized) values ('Ana', 'ANA@example.org', 'ana@example.org')",
      ),
    ).toThrow(/UNIQUE constraint failed: contacts.email_normalized/);
    expect(
      run(
        "insert into contacts (first_name, email, email_normalized) values ('Bo', 'Bo@example.org', 'Bo@example.org')",
      ),
    ).toThrow(/contacts_email_normalized_is_lower/);
  });

  it("refuses a row pointing at nothing", () => {
    expect(
      run(
        "insert into donations (contact_id, amount_cents, donor_first_name, donor_last_name) values (999, 100, 'A', 'B')",
      ),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it("accepts a valid row", () => {
    expect(
      run(
        "insert into donations (contact_id, amount_cents, donor_first_name, donor_last_name) values (1, 2500, 'Ana', 'Diaz')",
      ),
    ).not.toThrow();
  });
});
