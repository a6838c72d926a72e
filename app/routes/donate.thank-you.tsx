import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatCents } from "~/lib/format";
import { centsToDollarsText } from "~/lib/donation-form";
import { thankYouSummary } from "~/models/donations.server";

export const meta: MetaFunction = () => [{ title: "Thank you | Champions PAC" }];

// The monthly offer is made once per browser: this cookie remembers it was shown. It is scoped to
// /donate so that it never reaches (and never bypasses the cache of) the rest of the site.
const OFFER_COOKIE = "monthly_offer_shown";

export function loader({ request }: LoaderFunctionArgs) {
  const sessionId = new URL(request.url).searchParams.get("session_id");
  const gift = sessionId ? thankYouSummary(sessionId) : null;
  const alreadyOffered = (request.headers.get("Cookie") ?? "").split(/;\s*/).includes(`${OFFER_COOKIE}=1`);
  const offerMonthly = Boolean(gift && gift.kind === "one_time" && gift.status !== "failed" && !alreadyOffered);
  return Response.json(
    { gift, offerMonthly },
    offerMonthly
      ? { headers: { "Set-Cookie": `${OFFER_COOKIE}=1; Path=/donate; Max-Age=31536000; HttpOnly; SameSite=Lax` } }
      : undefined,
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const cookie = loaderHeaders.get("Set-Cookie");
  const headers = new Headers();
  if (cookie) {
    headers.set("Set-Cookie", cookie);
    headers.set("Cache-Control", "private, no-store");
  }
  return headers;
};

export default function ThankYou() {
  const { gift, offerMonthly } = useLoaderData<{ gift: ReturnType<typeof thankYouSummary>; offerMonthly: boolean }>();
  return (
    <section aria-labelledby="thanks-title" className="stack">
      <h1 id="thanks-title">Thank you{gift ? `, ${gift.firstName}` : ""}!</h1>
      {gift ? (
        <>
          <p className="lede">
            Your {gift.kind === "recurring" ? "monthly " : ""}gift of {formatCents(gift.amountCents)}
            {gift.kind === "recurring" ? " per month" : ""} keeps our work going.
          </p>
          <p>
            {gift.status === "pending"
              ? "We are confirming your payment with our processor; your receipt will follow by email."
              : "Your payment is confirmed and a receipt is on its way to your inbox."}
          </p>
          {offerMonthly ? (
            <aside className="card upsell" aria-labelledby="upsell-title">
              <h2 id="upsell-title">Make it monthly?</h2>
              <p>
                A gift of {formatCents(gift.amountCents)} every month lets us plan the next campaign and keep following
                every vote. You can change or cancel it at any time.
              </p>
              <p>
                <Link
                  className="button"
                  to={`/donate?amount=${centsToDollarsText(gift.amountCents)}&frequency=monthly&refcode=monthly-offer`}
                >
                  Give {formatCents(gift.amountCents)} a month
                </Link>
              </p>
            </aside>
          ) : null}
        </>
      ) : (
        <p className="lede">Your gift keeps our work going. A receipt will follow by email.</p>
      )}
      <p>
        <Link to="/updates">See what your support has made possible</Link>
      </p>
    </section>
  );
}
