import { listAuditLog } from "~/models/audit-log.server";
import { createCandidate, updateCandidate } from "~/models/candidates.server";
import { createBody } from "~/models/bodies.server";
import { createStaffUser } from "~/models/staff-users.server";

describe("audit log", () => {
  it("lists every staff write with before and after, and filters by entity, action, person and record", async () => {
    const a = await createStaffUser({ email: "a@example.org", password: "long enough password", role: "staff" });
    const b = await createStaffUser({ email: "b@example.org", password: "long enough password", role: "admin" });
    const c = createCandidate({ displayName: "Audit Person" }, a.id);
    updateCandidate(c.id, { displayName: "Audit Person", bio: "New bio" }, b.id);
    createBody({ name: "Audit Board", jurisdiction: "Somewhere", seatCount: 3 }, b.id);

    const all = listAuditLog({});
    expect(all.total).toBe(3);
    expect(all.entities).toEqual(["body", "candidate"]);

    const updates = listAuditLog({ entity: "candidate", action: "update" });
    expect(updates.rows).toHaveLength(1);
    expect(updates.rows[0].staffEmail).toBe("b@example.org");
    expect(JSON.parse(updates.rows[0].beforeJson!).bio).toBe("");
    expect(JSON.parse(updates.rows[0].afterJson!).bio).toBe("New bio");

    expect(listAuditLog({ staffUserId: a.id }).rows.map((r) => r.action)).toEqual(["create"]);
    expect(listAuditLog({ entityId: c.id, entity: "candidate" }).total).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(listAuditLog({ from: today, to: today }).total).toBe(3);
    expect(listAuditLog({ to: "2000-01-01" }).total).toBe(0);
  });
});
