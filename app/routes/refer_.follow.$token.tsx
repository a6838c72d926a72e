import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { findReferralByFollowToken } from "~/models/referrals.server";
import { REFERRAL_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";

export const meta: MetaFunction = () => [
  { title: "Your suggestion | Champions PAC" },
  { name: "robots", content: "noindex" },
];

const EXPLAINED: Record<keyof typeof REFERRAL_STATUS_LABELS, string> = {
  new: "We have received your suggestion and will review it soon.",
  contacted: "We have been in touch with them.",
  questionnaire: "They are filling in our candidate questionnaire.",
  interviewed: "We have interviewed them.",
  endorsed: "We endorsed them. Thank you for finding a champion!",
  declined: "We decided not to go further this time. Thank you for thinking of them.",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const referral = findReferralByFollowToken(params.token ?? "");
  if (!referral) throw new Response("We could not find that suggestion. The link may be incomplete.", { status: 404 });
  return { referral };
}

export default function FollowReferral() {
  const timeZone = useTimeZone();
  const { referral } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="follow-title" className="stack narrow">
      <h1 id="follow-title">Your suggestion: {referral.suggestedName}</h1>
      <p className="muted">
        {referral.office} · suggested {formatInstant(referral.createdAt, timeZone)}
      </p>
      <p>
        Status: <strong>{REFERRAL_STATUS_LABELS[referral.status]}</strong>
      </p>
      <p>{EXPLAINED[referral.status]}</p>
    </section>
  );
}
