import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatCents } from "~/lib/format";
import { thankYouSummary } from "~/models/donations.server";

export const meta: MetaFunction = () => [{ title: "Thank you | Champions PAC" }];

export function loader({ request }: LoaderFunctionArgs) {
  const sessionId = new URL(request.url).searchParams.get("session_id");
  return { gift: sessionId ? thankYouSummary(sessionId) : null };
}

export default function ThankYou() {
  const { gift } = useLoaderData<typeof loader>();
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
