/**
 * The report page's downloads through its routes: a malformed FEC committee id is answered next to
 * its field (never a 500 or a broken file), a good one leads to the file, and the file route
 * writes the .fec records, the schedule CSV or the New Mexico contributions file.
 */
import { loader as reportLoader } from "~/routes/admin.donations.report";
import { loader as fileLoader } from "~/routes/admin.donations.filing-file";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";
import { updateSettings } from "~/models/settings.server";
import { FEC_FIELD_SEPARATOR } from "~/models/fec-schedules.server";
import { contact, receivedGift } from "../support/ledger-gifts";

async function cookie() {
  const user = await createStaffUser({
    email: "reports@example.org",
    password: "correct horse battery",
    role: "staff",
  });
  return (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
}

async function call<T>(fn: (args: never) => Promise<T>, url: string, cookieHeader: string) {
  const args = {
    request: new Request(`http://localhost${url}`, { headers: { Cookie: cookieHeader } }),
    params: {},
    context: {},
  };
  try {
    return await fn(args as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("report downloads", () => {
  it("11 CFR 104.3: the .fec download asks for a well-formed committee id next to its field", async () => {
    updateSettings({ complianceProfile: "us_federal" });
    receivedGift(contact().id, 30_000, "2026-02-10T18:00:00.000Z");
    const c = await cookie();
    const bad = (await call(
      reportLoader,
      "/admin/donations/report?from=2026-01-01&to=2026-03-31&download=fec&fecId=123",
      c,
    )) as {
      fecIdError: string | null;
      reportFiles: readonly string[];
    };
    expect(bad.fecIdError).toMatch(/letter C and eight digits/);
    expect(bad.reportFiles).toEqual(["fec_schedules"]);

    const good = (await call(
      reportLoader,
      "/admin/donations/report?from=2026-01-01&to=2026-03-31&download=fec&fecId=c00123456",
      c,
    )) as Response;
    expect(good.status).toBe(302);
    const target = good.headers.get("Location")!;
    expect(target).toBe("/admin/donations/filing-file?from=2026-01-01&to=2026-03-31&kind=fec&fecId=C00123456");

    const file = (await call(fileLoader, target, c)) as Response;
    expect(file.headers.get("Content-Disposition")).toMatch(/form-3x-schedules-2026-01-01-to-2026-03-31\.fec/);
    const records = (await file.text()).trimEnd().split("\r\n");
    expect(records.map((r) => r.split(FEC_FIELD_SEPARATOR)[0])).toEqual(["HDR", "SA11AI"]);

    const refused = (await call(fileLoader, "/admin/donations/filing-file?kind=fec&fecId=nope", c)) as Response;
    expect(refused.status).toBe(400);
  });

  it("NMSA 1978 § 1-19-31: the New Mexico profile offers its contributions file for a report period", async () => {
    updateSettings({ complianceProfile: "new_mexico" });
    receivedGift(contact().id, 2_500, "2026-04-20T18:00:00.000Z");
    const c = await cookie();
    const page = (await call(reportLoader, "/admin/donations/report?period=2026-second-primary", c)) as {
      fromDay: string;
      toDay: string;
      reportFiles: readonly string[];
      period: { dueDay: string } | null;
    };
    expect([page.fromDay, page.toDay, page.period?.dueDay]).toEqual(["2026-04-07", "2026-05-04", "2026-05-11"]);
    expect(page.reportFiles).toEqual(["cfis_contributions"]);
    const file = (await call(
      fileLoader,
      "/admin/donations/filing-file?period=2026-second-primary&kind=cfis",
      c,
    )) as Response;
    expect(file.headers.get("Content-Disposition")).toMatch(/nm-contributions-2026-second-primary\.csv/);
    expect((await file.text()).trimEnd().split("\r\n")).toHaveLength(2);
  });
});
