import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { RESET_TTL_MINUTES } from "~/lib/password-rules";

export const meta: MetaFunction = () => [{ title: "Check your email | Champions PAC" }];

export default function ForgotPasswordSent() {
  return (
    <section aria-labelledby="sent-title" className="stack narrow">
      <h1 id="sent-title">Check your email</h1>
      <p>
        If that address belongs to a staff account, a link to choose a new password is on its way. It works once, for{" "}
        {RESET_TTL_MINUTES} minutes.
      </p>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
