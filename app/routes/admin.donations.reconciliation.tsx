import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/field";
import { useIntentErrors, useReplyNotice } from "~/components/intent-form";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { z } from "zod";
import { formatCents, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { stripeConfigured } from "~/lib/stripe.server";
import {
  openDifferences,
  PROBLEM_LABELS,
  recentRuns,
  reconcileStripe,
  resolveDifference,
} from "~/models/stripe-reconciliation.server";

export const meta: MetaFunction = () => [{ title: "Stripe reconciliation | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return {
    configured: stripeConfigured(),
    runs: recentRuns(),
    differences: openDifferences(),
  };
}

const runSchema = z.object({ intent: z.literal("run") });
const resolveSchema = z.object({ intent: z.literal("resolve"), id: z.coerce.number().int().positive() });

type ReconciliationReply = IntentReply & { runId?: number };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  // Changing the books' standing is the treasurer's call: admins only.
  await requireAdmin(request);
  const formData = await request.formData();
  const intent = intentOf(formData);
  switch (intent) {
    case "run":
      return handleIntent(
        formData,
        runSchema,
        () => {
          if (!stripeConfigured()) throw new RuleViolation("Stripe is not configured: there is nothing to reconcile.");
          return reconcileStripe();
        },
        // A run that stopped is still a run (kept in the list below); its reason is the notice.
        (run) =>
          Response.json({
            intent,
            result: null,
            notice: run.error ? `The run stopped: ${run.error}` : undefined,
            runId: run.id,
          } satisfies ReconciliationReply),
      );
    case "resolve":
      return handleIntent(
        formData,
        resolveSchema,
        ({ id }) => {
          if (!resolveDifference(id, staff.id)) throw new RuleViolation("That difference is already resolved.");
        },
        () => Response.json({ intent, result: null } satisfies ReconciliationReply),
      );
    default:
      return unknownIntent(intent);
  }
}

export default function Reconciliation() {
  const timeZone = useTimeZone();
  const { configured, runs, differences } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const errors = useIntentErrors(["run", "resolve"]);
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="recon-title" className="stack-wide">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="recon-title">Stripe reconciliation</h1>
      <p className="lede">
        Every day the books are compared with Stripe's balance transactions: anything a lost webhook never brought is
        added, and anything that does not agree is listed here until someone resolves it.
      </p>
      <FormErrors errors={notice || errors.length ? [...(notice ? [notice] : []), ...errors] : undefined} />
      {configured ? (
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <button type="submit" disabled={busy}>
            Reconcile now
          </button>
        </Form>
      ) : (
        <p className="notice" role="status">
          Stripe is not configured, so there is nothing to reconcile.
        </p>
      )}
      <h2>Differences to resolve</h2>
      {differences.length === 0 ? (
        <p>None: the books agree with Stripe.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Found</th>
                <th scope="col">Problem</th>
                <th scope="col">Stripe</th>
                <th scope="col" className="num">
                  At Stripe
                </th>
                <th scope="col" className="num">
                  In the books
                </th>
                <th scope="col">Gift</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.id}>
                  <td>{formatInstant(d.createdAt, timeZone)}</td>
                  <td>{PROBLEM_LABELS[d.problem] ?? d.problem}</td>
                  <td>
                    <code>{d.stripeObjectId ?? d.balanceTransactionId}</code>
                  </td>
                  <td className="num">{formatCents(d.stripeCents)}</td>
                  <td className="num">{d.ledgerCents == null ? "none" : formatCents(d.ledgerCents)}</td>
                  <td>
                    {d.donationId ? <Link to={`/admin/donations/${d.donationId}`}>Gift {d.donationId}</Link> : "none"}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="resolve" />
                      <input type="hidden" name="id" value={d.id} />
                      <button type="submit" className="button-secondary" disabled={busy}>
                        Mark resolved
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Recent runs</h2>
      {runs.length === 0 ? (
        <p>No run yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Transactions read
                </th>
                <th scope="col" className="num">
                  Entries added
                </th>
                <th scope="col" className="num">
                  New differences
                </th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{formatInstant(r.startedAt, timeZone)}</td>
                  <td className="num">{r.transactionsRead}</td>
                  <td className="num">{r.entriesCreated}</td>
                  <td className="num">{r.differencesFound}</td>
                  <td>{r.error ? `Stopped: ${r.error}` : r.finishedAt ? "Finished" : "Running"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
