/**
 * Every compliance profile the app ships, by key. The map is typed over every key, so a new key in
 * COMPLIANCE_PROFILES fails to compile until its rules exist: it can never fall through to
 * another regime's.
 */
import type { ComplianceProfileKey } from "~/lib/compliance-profiles";
import type { ComplianceProfile } from "./profile";
import { newMexico } from "./new-mexico";
import { usFederal } from "./us-federal";

export type { ComplianceProfile };

export const PROFILES: { readonly [K in ComplianceProfileKey]: (day: string) => ComplianceProfile } = {
  us_federal: usFederal,
  new_mexico: newMexico,
};
