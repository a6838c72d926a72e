import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useReplyFor } from "~/components/intent-form";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { z } from "zod";
import { formatCents, formatDay } from "~/lib/format";
import { requireStaff } from "~/lib/session.server";
import { answerInformationAsStaff } from "~/models/donations.server";
import { listOpenInformationRequests } from "~/models/information-requests.server";

export const meta: MetaFunction = () => [{ title: "Information requested | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { requests: listOpenInformationRequests() };
}

const answerSchema = z.object({
  intent: z.literal("answer"),
  donationId: z.coerce.number().int().positive(),
  employer: z.string().trim().min(1, "Enter the employer (or “Not employed”).").max(200),
  occupation: z.string().trim().min(1, "Enter the occupation (or “Retired”).").max(200),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return handleIntent(
    await request.formData(),
    answerSchema,
    ({ donationId, employer, occupation }) => {
      if (!answerInformationAsStaff(donationId, { employer, occupation }, staff.id))
        throw new RuleViolation("That gift no longer exists.");
    },
    () => redirect("/admin/donations/information-requested?answered=1"),
  );
}

export default function InformationRequested() {
  const { requests } = useLoaderData<typeof loader>();
  const reply = useReplyFor("answer");
  const answered = useSearchParams()[0].get("answered") === "1";
  const problems = reply?.error ? Object.values(reply.error).flat() : [];
  return (
    <section aria-labelledby="info-title" className="stack-wide">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="info-title">Information requested</h1>
      <p className="lede">
        Gifts recorded without the donor's employer or occupation. Deposit a check within 10 days of receipt (11 CFR
        103.3(a)); the follow-up request goes out within 30 days (11 CFR 104.7(b)(2)): by email where the donor gave
        one, otherwise print the letter and mail it. Each stays here until the donor answers.
      </p>
      {problems.length ? (
        <p className="form-error" role="alert">
          {problems.join(" ")}
        </p>
      ) : null}
      {answered ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p>Nothing is waiting for an answer.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Donor</th>
                <th scope="col">Account</th>
                <th scope="col">Gift</th>
                <th scope="col">Missing</th>
                <th scope="col">Follow-up</th>
                <th scope="col">Answer</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => {
                return (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/admin/donations/${r.donationId}`}>{r.donorName}</Link>
                    </td>
                    <td>{r.accountLabel}</td>
                    <td>
                      {formatCents(r.amountCents)} by {r.method.replace("_", "-")}, received {formatDay(r.receivedOn)}
                      {r.depositBy ? <> (deposit by {formatDay(r.depositBy)})</> : null}
                    </td>
                    <td>{r.missing.join(" and ")}</td>
                    <td>
                      {r.channel === "email" ? (
                        <>Emailed to {r.donorEmail}</>
                      ) : (
                        <>
                          <Link to={`/admin/donations/information-requested/${r.id}`}>Print the letter</Link>
                          {r.printedAt ? " (printed)" : ` (send by ${formatDay(r.followUpBy)})`}
                        </>
                      )}
                    </td>
                    <td>
                      <Form method="post" className="stack" aria-label={`Answer from ${r.donorName}`}>
                        <input type="hidden" name="intent" value="answer" />
                        <input type="hidden" name="donationId" value={r.donationId} />
                        <div className="field">
                          <label htmlFor={`employer-${r.id}`}>Employer</label>
                          <input id={`employer-${r.id}`} name="employer" required />
                        </div>
                        <div className="field">
                          <label htmlFor={`occupation-${r.id}`}>Occupation</label>
                          <input id={`occupation-${r.id}`} name="occupation" required />
                        </div>
                        <button type="submit">Record the answer</button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
