/** The staff navigation; each section's routes live under app/routes/admin.<section>*.tsx */
export const ADMIN_SECTIONS: ReadonlyArray<{ to: string; label: string; adminOnly?: boolean }> = [
  { to: "/admin", label: "Overview" },
  { to: "/admin/candidates", label: "Candidates" },
  { to: "/admin/endorsements", label: "Endorsements" },
  { to: "/admin/elections", label: "Elections and results" },
  { to: "/admin/bodies", label: "Bodies and seats" },
  { to: "/admin/terms", label: "Terms" },
  { to: "/admin/measures", label: "Measures and votes" },
  { to: "/admin/contacts", label: "Contacts" },
  { to: "/admin/donations", label: "Donations" },
  { to: "/admin/volunteers", label: "Volunteers" },
  { to: "/admin/referrals", label: "Referrals" },
  { to: "/admin/tips", label: "Tips" },
  { to: "/admin/updates", label: "Impact updates" },
  { to: "/admin/outbox", label: "Email outbox" },
  { to: "/admin/staff", label: "Staff accounts", adminOnly: true },
  { to: "/admin/audit", label: "Audit log", adminOnly: true },
];
