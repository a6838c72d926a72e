/** The compliance regimes the app ships presets for (rules in app/models/compliance.server.ts). */
export const COMPLIANCE_PROFILES = ["us_federal", "new_mexico"] as const;
export type ComplianceProfileKey = (typeof COMPLIANCE_PROFILES)[number];

export const COMPLIANCE_PROFILE_LABELS: Record<ComplianceProfileKey, string> = {
  us_federal: "US federal PAC (calendar year; $5,000 limit; itemize over $200)",
  new_mexico: "New Mexico (per election, primary and general; itemize at $200 or more)",
};
