import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Thank you for your suggestion | Champions PAC" }];

export default function ReferThanks() {
  return (
    <section aria-labelledby="thanks-title" className="stack narrow">
      <h1 id="thanks-title">Thank you for your suggestion!</h1>
      <p>
        We have emailed you a link where you can follow what happens with it. If you gave us their email address, we
        have invited them too; we reach out to them only after they say yes.
      </p>
    </section>
  );
}
