/**
 * The PAC's accounts: a PAC may keep a federal account and a state account at once, and each
 * gift belongs to one of them. An account is named by the compliance profile whose rules it
 * follows (one account per regime) and carries a label staff choose. Its limits, aggregates,
 * itemization and reports are its own: a gift to one never counts toward the other.
 */
import { dayInZone } from "~/lib/time-zone";
import { COMPLIANCE_PROFILES, getSettings, type ComplianceProfileKey, type Settings } from "./settings.server";
import { complianceProfile, type ComplianceProfile } from "./compliance.server";

export interface Account {
  key: ComplianceProfileKey;
  label: string;
  profile: ComplianceProfile;
}

/** The accounts taking gifts, the main account first. */
export function activeAccountKeys(settings: Settings = getSettings()): ComplianceProfileKey[] {
  const keys: ComplianceProfileKey[] = [settings.complianceProfile];
  for (const key of settings.additionalAccounts) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** The active accounts with their rules as they stand on `day` (today by default). */
export function activeAccounts(
  settings: Settings = getSettings(),
  day = dayInZone(new Date(), settings.timeZone),
): Account[] {
  return activeAccountKeys(settings).map((key) => ({
    key,
    label: settings.accountLabels[key],
    profile: complianceProfile(settings, day, key),
  }));
}

/**
 * The account a form asked for: the main account when the form names none (only one account is
 * active, so the page did not ask), null when it names one that is not taking gifts.
 */
export function resolveAccount(
  requested: string | null | undefined,
  settings: Settings = getSettings(),
): ComplianceProfileKey | null {
  if (!requested) return settings.complianceProfile;
  const active = activeAccountKeys(settings);
  return (active as string[]).includes(requested) ? (requested as ComplianceProfileKey) : null;
}

/** Every account the app knows, whether or not it takes gifts now (for staff pages that read old gifts). */
export function allAccounts(settings: Settings = getSettings()): { key: ComplianceProfileKey; label: string }[] {
  return COMPLIANCE_PROFILES.map((key) => ({ key, label: settings.accountLabels[key] }));
}

export const ACCOUNT_NOT_ACTIVE = "Choose one of the accounts taking gifts.";

/** The account a report asks for: any account the app knows (an account no longer taking gifts
 *  still has reports), the main account when none or an unknown one is named. */
export function reportAccount(requested: string | null | undefined, settings: Settings = getSettings()) {
  return (COMPLIANCE_PROFILES as readonly string[]).includes(requested ?? "")
    ? (requested as ComplianceProfileKey)
    : settings.complianceProfile;
}
