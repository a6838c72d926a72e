import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Thank you for the tip | Champions PAC" }];

export default function TipThanks() {
  return (
    <section aria-labelledby="thanks-title" className="stack narrow">
      <h1 id="thanks-title">Thank you for letting us know!</h1>
      <p>Your tip has reached our team. We may get in touch if we have questions.</p>
    </section>
  );
}
