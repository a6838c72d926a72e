/**
 * How this app marks the Stripe objects it creates. Other tools on the same Stripe account may
 * use generic keys like `donation_id`; ours carry a prefix, and a Checkout Session's
 * client_reference_id must agree with its metadata before the session is taken for ours.
 */
export const META_DONATION = "champions_donation_id";
export const META_PLAN = "champions_plan_id";
export const META_REFCODE = "champions_refcode";

export function clientReferenceId(donationId: number): string {
  return `champions-donation-${donationId}`;
}

function positiveId(value: string | undefined | null): number | null {
  const n = Number(value);
  return value && /^\d{1,15}$/.test(value) && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Our donation id in an object's metadata, or null. */
export function donationIdIn(metadata: Record<string, string> | null | undefined): number | null {
  return positiveId(metadata?.[META_DONATION]);
}

/** Our plan id in an object's metadata, or null. */
export function planIdIn(metadata: Record<string, string> | null | undefined): number | null {
  return positiveId(metadata?.[META_PLAN]);
}

/** A Checkout Session is ours when its metadata and client_reference_id name the same donation. */
export function sessionDonationId(session: {
  metadata: Record<string, string> | null;
  client_reference_id: string | null;
}): number | null {
  const id = donationIdIn(session.metadata);
  return id && session.client_reference_id === clientReferenceId(id) ? id : null;
}
