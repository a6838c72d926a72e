import { db } from "#db/client";
import { auditLog, settings as settingsTable } from "#db/schema";
import { parseWithZod } from "@conform-to/zod";
import { settingsFormSchema } from "~/lib/settings-form";
import { DEFAULT_SETTINGS, getSettings, saveSettingsAsStaff } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";

function form(over: Record<string, string | undefined> = {}) {
  const fd = new FormData();
  const values: Record<string, string | undefined> = {
    pacName: "Champions PAC",
    pacAddress: "PO Box 1, Las Cruces, NM",
    pacUrl: "https://champions.example.org",
    disclaimer: "Paid for by Champions PAC. Not authorized by any candidate or candidate's committee.",
    staffNotifyEmail: "staff@example.org",
    fromEmail: "Champions PAC <hello@example.org>",
    complianceProfile: "us_federal",
    suggestedAmountsCents: "10 25 50 1,000",
    fundraisingGoalCents: "25,000.50",
    alignmentCountsUnanimous: undefined,
    timeZone: "America/Denver",
    ...over,
  };
  for (const [k, v] of Object.entries(values)) if (v !== undefined) fd.set(k, v);
  return parseWithZod(fd, { schema: settingsFormSchema });
}

describe("settings", () => {
  it("falls back to the defaults on a fresh database and ignores a corrupt value", () => {
    expect(getSettings()).toEqual(DEFAULT_SETTINGS);
    db().insert(settingsTable).values({ key: "fundraisingGoalCents", value: "-5" }).run();
    expect(getSettings().fundraisingGoalCents).toBe(DEFAULT_SETTINGS.fundraisingGoalCents);
  });

  it("parses dollars into integer cents and saves only what changed, audited", async () => {
    const parsed = form();
    expect(parsed.status).toBe("success");
    if (parsed.status !== "success") return;
    expect(parsed.value.fundraisingGoalCents).toBe(2_500_050);
    expect(parsed.value.suggestedAmountsCents).toEqual([1000, 2500, 5000, 100_000]);
    expect(parsed.value.alignmentCountsUnanimous).toBe(false);

    const admin = await createStaffUser({
      email: "admin@example.org",
      password: "long enough password",
      role: "admin",
    });
    const saved = saveSettingsAsStaff(parsed.value, admin.id);
    expect(saved.complianceProfile).toBe("us_federal");
    expect(getSettings().fundraisingGoalCents).toBe(2_500_050);
    const audit = db()
      .select()
      .from(auditLog)
      .all()
      .filter((r) => r.entity === "settings");
    expect(audit).toHaveLength(1);
    const after = JSON.parse(audit[0].afterJson!);
    expect(Object.keys(after).sort()).toEqual(
      [
        "alignmentCountsUnanimous",
        "complianceProfile",
        "disclaimer",
        "fundraisingGoalCents",
        "pacAddress",
        "pacUrl",
        "suggestedAmountsCents",
      ].sort(),
    );
  });

  it("refuses bad figures with a message for the field", () => {
    const parsed = form({
      fundraisingGoalCents: "lots",
      disclaimer: "Vote for us",
      timeZone: "Mars/Olympus",
      suggestedAmountsCents: "0",
    });
    if (parsed.status === "success") throw new Error("bad figures were accepted");
    const errors = parsed.error ?? {};
    expect(errors.fundraisingGoalCents?.[0]).toMatch(/in dollars/);
    expect(errors.disclaimer?.[0]).toMatch(/Paid for by/);
    expect(errors.timeZone?.[0]).toMatch(/time zone/);
    expect(errors.suggestedAmountsCents?.[0]).toMatch(/one to eight/);
  });
});
