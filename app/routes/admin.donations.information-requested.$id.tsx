import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatCents, formatDay } from "~/lib/format";
import { requireStaff } from "~/lib/session.server";
import { idParam } from "~/lib/id-param.server";
import { informationLetter, markLetterPrinted } from "~/models/information-requests.server";
import printHref from "~/styles/print-letter.css";

export const meta: MetaFunction = () => [{ title: "Follow-up letter | Champions PAC" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const letter = informationLetter(idParam(params.id));
  if (!letter) throw new Response("No such request", { status: 404 });
  return { letter };
}

const printedSchema = z.object({ intent: z.literal("printed") });

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const id = idParam(params.id);
  return handleIntent(
    await request.formData(),
    printedSchema,
    () => {
      if (!informationLetter(id)) throw new RuleViolation("That request no longer exists.");
      markLetterPrinted(id);
    },
    () => redirect(`/admin/donations/information-requested/${id}`),
  );
}

/** The printable best-efforts follow-up for a donor who gave no email (11 CFR 104.7(b)(2)). */
export default function FollowUpLetter() {
  const { letter } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="letter-title">
      <div className="no-print stack">
        <p>
          <Link to="/admin/donations/information-requested">Information requested</Link>
        </p>
        <p className="hint">
          Print this page (the staff menu is left off the paper) and mail it to the donor
          {letter.printedAt ? `; printed ${formatDay(letter.printedAt.slice(0, 10))}` : ""}.
        </p>
        {letter.printedAt ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="printed" />
            <button type="submit">Mark as printed and mailed</button>
          </Form>
        )}
      </div>
      <article className="letter">
        <h1 id="letter-title" className="visually-hidden">
          Follow-up letter to {letter.donorName}
        </h1>
        <p>
          {letter.pacName}
          <br />
          {letter.pacAddress}
        </p>
        <p>{formatDay(letter.today)}</p>
        <address>
          {letter.address.map((line) => (
            <span key={line}>
              {line}
              <br />
            </span>
          ))}
        </address>
        <p>Dear {letter.donorName},</p>
        <p>
          Thank you for your contribution of {formatCents(letter.amountCents)} to the {letter.accountLabel} of{" "}
          {letter.pacName}, received on {formatDay(letter.receivedOn)}.
        </p>
        <p className="statement">{letter.statement}</p>
        <p>
          We do not yet have your {letter.missing.join(" and ")}. Please fill in the slip below and mail it back to us
          at the address above. Thank you.
        </p>
        <p>
          Sincerely,
          <br />
          The treasurer, {letter.pacName}
        </p>
        <div className="reply-slip">
          <p>
            <strong>Reply slip</strong> (reference #{letter.donationId})
          </p>
          <p>Name: {letter.donorName}</p>
          <p>Employer: ______________________________________________</p>
          <p>Occupation: ____________________________________________</p>
        </div>
      </article>
    </section>
  );
}
