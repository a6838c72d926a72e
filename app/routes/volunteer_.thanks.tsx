import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Thank you for volunteering | Champions PAC" }];

export default function VolunteerThanks() {
  return (
    <section aria-labelledby="thanks-title" className="stack narrow">
      <h1 id="thanks-title">Thank you for signing up!</h1>
      <p>We have sent you a welcome email, and someone from our team will be in touch soon about what comes next.</p>
      <p>
        Know someone who would make a great elected leader? <Link to="/refer">Suggest a candidate</Link>.
      </p>
    </section>
  );
}
