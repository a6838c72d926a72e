/**
 * PAC-wide settings: identity, disclaimer, compliance profile and figures, fundraising.
 * Stored one JSON value per key; every read is validated against this schema and falls back to
 * the defaults, so a fresh database works before staff have changed anything.
 */
import { z } from "zod";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { settings } from "#db/schema";
import { recordAudit } from "./audit.server";

import { isValidEmailAddress, isValidFromAddress } from "~/lib/email-address";
import { COMPLIANCE_PROFILES, type ComplianceProfileKey } from "~/lib/compliance-profiles";

export { COMPLIANCE_PROFILES, type ComplianceProfileKey };

const accountLabelsSchema = z.object(
  Object.fromEntries(COMPLIANCE_PROFILES.map((key) => [key, z.string().trim().min(1).max(80)])) as {
    [K in ComplianceProfileKey]: z.ZodString;
  },
);

export const settingsSchema = z.object({
  pacName: z.string().min(1),
  pacAddress: z.string().min(1),
  pacUrl: z.string().min(1),
  /** Shown in the site footer and on every list email. */
  disclaimer: z.string().min(1),
  /** Where staff notices (new volunteer, referral, tip) are sent. */
  staffNotifyEmail: z.string().refine(isValidEmailAddress),
  fromEmail: z.string().refine(isValidFromAddress),
  /** The PAC's main account, by its compliance profile: the donate page's default account, and the
   *  account of any gift whose writer does not name one. */
  complianceProfile: z.enum(COMPLIANCE_PROFILES),
  /** Further accounts taking gifts at the same time (a PAC with federal and state accounts); each
   *  gift belongs to one account and counts only toward that account's limits and reports. */
  additionalAccounts: z.array(z.enum(COMPLIANCE_PROFILES)).max(COMPLIANCE_PROFILES.length),
  /** What donors and staff call each account. */
  accountLabels: accountLabelsSchema,
  /** Bank debits (ACH) settle days after the donor pays; off until the treasurer chooses them. */
  bankPaymentsEnabled: z.boolean(),
  suggestedAmountsCents: z.array(z.number().int().positive()).min(1).max(8),
  fundraisingGoalCents: z.number().int().nonnegative(),
  /** Some scorecards leave unanimous votes out of the alignment score. */
  alignmentCountsUnanimous: z.boolean(),
  /** The calendar that defines a reporting year or cycle. */
  timeZone: z.string().min(1),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  pacName: "Champions PAC",
  pacAddress: "PO Box 1234, Las Cruces, NM 88004",
  pacUrl: "http://localhost:3000",
  disclaimer:
    "Paid for by Champions PAC (PO Box 1234, Las Cruces, NM 88004). Not authorized by any candidate or candidate's committee.",
  staffNotifyEmail: "staff@example.org",
  fromEmail: "Champions PAC <hello@example.org>",
  complianceProfile: "new_mexico",
  additionalAccounts: [],
  accountLabels: { us_federal: "Federal account", new_mexico: "New Mexico account" },
  bankPaymentsEnabled: false,
  suggestedAmountsCents: [1000, 2500, 5000, 10000, 25000],
  fundraisingGoalCents: 2_500_000,
  alignmentCountsUnanimous: true,
  timeZone: "America/Denver",
};

/** The last settings parsed, by the raw rows they came from: parsing and validating them again
 *  for every webhook and page cost more than reading them. Any change to a row is a new key. */
let parsedCache: { raw: string; settings: Settings } | null = null;

export function getSettings(database: DbOrTx = db()): Settings {
  const rows = database.select({ key: settings.key, value: settings.value }).from(settings).all();
  const raw = rows.map((r) => `${r.key}\u0000${r.value}`).join("\u0001");
  if (parsedCache && parsedCache.raw === raw) return parsedCache.settings;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key in DEFAULT_SETTINGS) {
      try {
        merged[row.key] = JSON.parse(row.value);
      } catch {
        // A corrupt value keeps its default rather than taking the site down.
      }
    }
  }
  const parsed = settingsSchema.safeParse(merged);
  let result: Settings;
  if (parsed.success) {
    result = parsed.data;
  } else {
    const fixed: Record<string, unknown> = { ...merged };
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as SettingKey;
      fixed[key] = DEFAULT_SETTINGS[key];
    }
    result = settingsSchema.parse(fixed);
  }
  // Frozen, since every caller now shares the same object.
  parsedCache = { raw, settings: Object.freeze(result) as Settings };
  return parsedCache.settings;
}

export function updateSettings(patch: Partial<Settings>, database: DbOrTx = db()): Settings {
  const next = settingsSchema.parse({ ...getSettings(database), ...patch });
  const now = new Date().toISOString();
  for (const key of Object.keys(patch) as SettingKey[]) {
    const value = JSON.stringify(next[key]);
    database
      .insert(settings)
      .values({ key, value, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
      .run();
  }
  return next;
}

/** An admin's change of settings, audited with before and after in the same transaction. */
export function saveSettingsAsStaff(patch: Partial<Settings>, staffUserId: number, database = db()): Settings {
  return writeTransaction(database, (tx) => {
    const before = getSettings(tx);
    const after = updateSettings(patch, tx);
    const changed = (Object.keys(patch) as SettingKey[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (changed.length) {
      recordAudit(
        {
          staffUserId,
          entity: "settings",
          entityId: null,
          action: "update",
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        tx,
      );
    }
    return after;
  });
}
