import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Check your email | Champions PAC" }];

export default function SubscribeThanks() {
  return (
    <section aria-labelledby="thanks-title" className="stack narrow">
      <h1 id="thanks-title">Check your email</h1>
      <p className="lede">
        If this address is new to a list, we sent it a message with a link to confirm. Nothing is sent to you until you
        confirm.
      </p>
    </section>
  );
}
