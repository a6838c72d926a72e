/**
 * What the public donate page needs: suggested amounts, the goal bar, the compliance notices of
 * the active profile and whether payments are configured.
 */
import { db, type DbOrTx } from "#db/client";
import { stripeConfigured } from "~/lib/stripe.server";
import { complianceProfile } from "./compliance.server";
import { fundraisingGoal } from "./donation-stats.server";
import { getSettings } from "./settings.server";
import { countDonors } from "./donor-count.server";

export function getDonatePage(database: DbOrTx = db()) {
  const settings = getSettings(database);
  const profile = complianceProfile(settings);
  return {
    pacName: settings.pacName,
    pacAddress: settings.pacAddress,
    suggestedAmountsCents: settings.suggestedAmountsCents,
    goal: { ...fundraisingGoal(database), donors: countDonors(database) },
    paymentsConfigured: stripeConfigured(),
    profile: {
      federal: profile.asksFederalContractor,
      limitCents: profile.limitCents,
      itemizeThresholdCents: profile.itemizeThresholdCents,
      itemizeRule: profile.itemizeRule,
      periodKind: profile.periodKind,
    },
  };
}
