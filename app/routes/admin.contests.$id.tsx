import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { CANDIDACY_OUTCOMES, TERM_ROLES } from "#db/enums";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/field";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { OutcomeBadge } from "~/components/outcome-badge";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { candidacyIdSchema, candidacySchema, resultsSchema, termFromCandidacySchema } from "~/lib/track-record-forms";
import { formatDay, formatShare, OUTCOME_LABELS } from "~/lib/format";
import { getContestForResults } from "~/models/contests.server";
import { addCandidacy, removeCandidacy } from "~/models/candidacies.server";
import { saveContestResults } from "~/models/contest-results.server";
import { createTermFromCandidacy } from "~/models/terms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Results: ${data.contest.seatName}, ${data.contest.electionName} | Champions PAC` : "Contest" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = getContestForResults(idParam(params.id));
  if (!page) throw new Response("Contest not found", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const back = (saved?: string) => () => redirect(`/admin/contests/${id}${saved ? `?saved=${saved}` : ""}`);
  switch (intentOf(formData)) {
    case "add-candidacy":
      return handleIntent(formData, candidacySchema, (v) => addCandidacy({ contestId: id, ...v }, staff.id), back());
    case "remove-candidacy":
      return handleIntent(formData, candidacyIdSchema, (v) => removeCandidacy(v.candidacyId, staff.id), back());
    case "results":
      return handleIntent(
        formData,
        resultsSchema,
        (v) =>
          saveContestResults(
            id,
            { final: v.final, entries: v.entries.map((e) => ({ ...e, outcome: e.outcome ?? null })) },
            staff.id,
          ),
        back("results"),
      );
    case "create-term":
      return handleIntent(
        formData,
        termFromCandidacySchema,
        (v) => createTermFromCandidacy(v.candidacyId, { startDate: v.startDate, role: v.role }, staff.id),
        back("term"),
      );
    default:
      return unknownIntent(intentOf(formData));
  }
}

const SAVED: Record<string, string> = { results: "Results saved.", term: "Term created." };

type ResultRow = ReturnType<typeof useLoaderData<typeof loader>>["candidacies"][number];

/** Keyed by the contest's candidacies, so adding one gives the form a fresh row for it. */
function ResultsForm({ candidacies }: { candidacies: ResultRow[] }) {
  const [resultsForm, resultsFields] = useIntentForm("results", resultsSchema, {
    final: candidacies.some((c) => c.outcome !== "pending") ? "on" : undefined,
    entries: candidacies.map((c) => ({
      candidacyId: String(c.id),
      votes: c.votes == null ? "" : String(c.votes),
      outcome: "",
    })),
  });
  const entries = resultsFields.entries.getFieldList();
  return (
    <Form method="post" {...getFormProps(resultsForm)} aria-labelledby="results-title" className="stack">
      <IntentInput intent="results" />
      <FormErrors errors={resultsForm.errors} id={resultsForm.errorId} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Votes</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => {
              const c = candidacies[i];
              const f = entry.getFieldset();
              return (
                <tr key={c.id}>
                  <th scope="row">
                    {c.displayName}
                    {c.incumbent ? " (incumbent)" : ""}
                    <input {...getInputProps(f.candidacyId, { type: "hidden" })} key={f.candidacyId.key} />
                  </th>
                  <td>
                    <label className="visually-hidden" htmlFor={f.votes.id}>
                      Votes for {c.displayName}
                    </label>
                    <input
                      {...getInputProps(f.votes, { type: "number" })}
                      key={f.votes.key}
                      min={0}
                      inputMode="numeric"
                    />
                    {f.votes.errors ? (
                      <p id={f.votes.errorId} className="field-error" role="alert">
                        {f.votes.errors.join(" ")}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={f.outcome.id}>
                      Outcome for {c.displayName}
                    </label>
                    <select {...getSelectProps(f.outcome)} key={f.outcome.key}>
                      <option value="">Derive from votes</option>
                      {CANDIDACY_OUTCOMES.map((o) => (
                        <option key={o} value={o}>
                          Set: {OUTCOME_LABELS[o]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">{formatShare(c.voteShareBp)}</td>
                  <td>
                    <OutcomeBadge outcome={c.outcome} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CheckboxField
        label="The count is final"
        field={resultsFields.final}
        hint="Until then every derived outcome stays pending. Set a runoff (or a tie settled by lot) in the outcome column."
      />
      <div>
        <button type="submit">Save results</button>
      </div>
    </Form>
  );
}

export default function ContestResults() {
  const { contest, candidacies, candidateChoices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = useReplyNotice();
  const running = new Set(candidacies.map((c) => c.candidateId));
  const [addForm, addFields] = useIntentForm("add-candidacy", candidacySchema);
  const removeErrors = useIntentErrors(["remove-candidacy"]);
  const won = candidacies.filter((c) => c.outcome === "won" && !c.termId);
  const [termForm, termFields] = useIntentForm("create-term", termFromCandidacySchema, {
    candidacyId: won[0] ? String(won[0].id) : "",
    role: "member",
  });
  return (
    <section aria-labelledby="contest-title">
      <h1 id="contest-title">
        Results: {contest.bodyName}, {contest.seatName}
      </h1>
      <p>
        <Link to={`/admin/elections/${contest.electionId}`}>{contest.electionName}</Link>,{" "}
        {formatDay(contest.electionDate)}
        {contest.seatsToFill > 1 ? `; ${contest.seatsToFill} seats to fill` : ""}
      </p>
      {params.get("saved") && SAVED[params.get("saved")!] ? (
        <p className="notice" role="status">
          {SAVED[params.get("saved")!]}
        </p>
      ) : null}
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <h2 id="results-title">Votes</h2>
      {candidacies.length === 0 ? (
        <p>Add the candidates below, then enter their votes.</p>
      ) : (
        <ResultsForm key={candidacies.map((c) => c.id).join(",")} candidacies={candidacies} />
      )}

      <h2>Candidates</h2>
      <FormErrors errors={removeErrors} />
      <ul>
        {candidacies.map((c) => (
          <li key={c.id}>
            {c.displayName}{" "}
            {c.endorsementStatus ? (
              <span className={`badge badge-${c.endorsementStatus}`}>{c.endorsementStatus}</span>
            ) : (
              <Link to={`/admin/endorsements?candidateId=${c.candidateId}&contestId=${contest.id}`}>
                Endorse {c.displayName}
              </Link>
            )}{" "}
            {c.termId ? <span className="muted">(term created)</span> : null}
            <IntentButton
              intent="remove-candidacy"
              label={`Remove ${c.displayName}`}
              fields={{ candidacyId: c.id }}
              className="secondary"
            />
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(addForm)} className="stack">
        <IntentInput intent="add-candidacy" />
        <FormErrors errors={addForm.errors} id={addForm.errorId} />
        <SelectField
          label="Candidate"
          field={addFields.candidateId}
          options={[
            { value: "", label: "Choose a candidate" },
            ...candidateChoices
              .filter((c) => !running.has(c.id))
              .map((c) => ({ value: String(c.id), label: c.displayName })),
          ]}
        />
        <CheckboxField label="Incumbent" field={addFields.incumbent} />
        <div>
          <button type="submit">Add candidate to contest</button>
        </div>
      </Form>
      <p className="hint">
        Someone new? <Link to="/admin/candidates">Add the candidate</Link> first.
      </p>

      {won.length > 0 ? (
        <>
          <h2 id="term-title">Create the term from the win</h2>
          <Form method="post" {...getFormProps(termForm)} className="stack" aria-labelledby="term-title">
            <IntentInput intent="create-term" />
            <FormErrors errors={termForm.errors} id={termForm.errorId} />
            <SelectField
              label="Winner"
              field={termFields.candidacyId}
              options={won.map((c) => ({ value: String(c.id), label: c.displayName }))}
            />
            <TextField
              label="First day in office"
              field={termFields.startDate}
              type="date"
              hint="Whoever holds a single seat now is recorded as leaving the day before."
            />
            <SelectField
              label="Role"
              field={termFields.role}
              options={TERM_ROLES.map((r) => ({ value: r, label: r.replace("_", " ") }))}
            />
            <div>
              <button type="submit">Create term</button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
