import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatCents, formatInstant } from "~/lib/format";
import { idParam } from "~/lib/id-param.server";
import { handleIntent } from "~/lib/intent-action.server";
import { useReplyFor } from "~/components/intent-form";
import { FormErrors } from "~/components/field";
import { requireStaff } from "~/lib/session.server";
import { decideMatchReview, getMatchReview } from "~/models/donor-match-reviews.server";
import { REVIEW_REASON_TEXT } from "~/lib/donor-match-reasons";
import { getSettings } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Review a donor match | Champions PAC" }];

function reviewFrom(id: number) {
  const review = getMatchReview(id);
  if (!review) throw new Response("No such review.", { status: 404 });
  return review;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { r: reviewFrom(idParam(params.id)), timeZone: getSettings().timeZone };
}

const schema = z.object({
  decision: z.enum(["same_person", "different_person"], {
    errorMap: () => ({ message: "Choose “same person” or “different person”." }),
  }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const review = reviewFrom(idParam(params.id));
  return handleIntent(
    await request.formData(),
    schema,
    (v) => decideMatchReview(review.review.id, v.decision, staff.id),
    () => redirect("/admin/donations/matches"),
  );
}

const FIELDS = [
  ["Name", (p: Person) => [p.firstName, p.lastName].filter(Boolean).join(" ")],
  ["Email", (p: Person) => p.email ?? ""],
  ["Address", (p: Person) => [p.street, p.city, [p.state, p.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ")],
  ["Employer", (p: Person) => p.employer ?? ""],
  ["Occupation", (p: Person) => p.occupation ?? ""],
] as const;

interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  employer: string | null;
  occupation: string | null;
}

export default function MatchReviewPage() {
  const { r, timeZone } = useLoaderData<typeof loader>();
  const reply = useReplyFor();
  const open = r.review.status === "open";
  return (
    <section aria-labelledby="match-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/matches">All matches to review</Link>
      </p>
      <h1 id="match-title">Is this the same donor?</h1>
      <p>
        <Link to={`/admin/donations/${r.donation.id}`}>
          A gift of {formatCents(r.donation.amountCents)} on{" "}
          {formatInstant(r.donation.receivedAt ?? r.donation.createdAt, timeZone)}
        </Link>{" "}
        ({r.donation.method}). {REVIEW_REASON_TEXT[r.review.reason]}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">As given with this gift</th>
              <th scope="col">
                Known donor (<Link to={`/admin/contacts/${r.candidate.id}`}>contact #{r.candidate.id}</Link>)
              </th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value(r.donation)}</td>
                <td>{value(r.candidate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormErrors errors={[...(reply?.error?.[""] ?? []), ...(reply?.error?.decision ?? [])]} id="decision-errors" />
      {open ? (
        <Form method="post" className="stack">
          <p>
            “Same person” moves this gift (and any other gift given with these details) to the known donor, whose totals
            and limit then count it; the known donor's name and details are kept. “Different person” keeps them apart,
            each with their own limit. Your decision is recorded in the audit log.
          </p>
          <p className="actions">
            <button type="submit" name="decision" value="same_person">
              Same person
            </button>
            <button type="submit" name="decision" value="different_person" className="secondary">
              Different person
            </button>
          </p>
        </Form>
      ) : (
        <p role="status">
          Decided {r.review.decidedAt ? formatInstant(r.review.decidedAt, timeZone) : ""}:{" "}
          {r.review.status === "same_person" ? "the same person." : "a different person."}
        </p>
      )}
    </section>
  );
}
