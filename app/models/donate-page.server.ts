/**
 * What the public donate page needs: suggested amounts, the goal bar, the compliance notices of
 * each account taking gifts and whether payments are configured.
 */
import { db, type DbOrTx } from "#db/client";
import { stripeConfigured } from "~/lib/stripe.server";
import { activeAccounts } from "./accounts.server";
import { fundraisingGoal } from "./donation-stats.server";
import { getSettings } from "./settings.server";
import { countDonors } from "./donor-count.server";

export function getDonatePage(database: DbOrTx = db()) {
  const settings = getSettings(database);
  // The page reads each account's profile and never its key: wording, limits and attestations
  // all come from the profile module.
  const accounts = activeAccounts(settings).map((a) => ({
    key: a.key,
    label: a.label,
    federal: a.profile.asksFederalContractor,
    limitCents: a.profile.limitCents,
    periodKind: a.profile.periodKind,
    bestEffortsStatement: a.profile.bestEffortsStatement,
  }));
  return {
    pacName: settings.pacName,
    pacAddress: settings.pacAddress,
    suggestedAmountsCents: settings.suggestedAmountsCents,
    goal: { ...fundraisingGoal(database), donors: countDonors(database) },
    paymentsConfigured: stripeConfigured(),
    /** the main account first: the page's default */
    accounts,
  };
}
