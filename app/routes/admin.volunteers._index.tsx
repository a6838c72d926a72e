import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { VOLUNTEER_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { volunteerFiltersFrom } from "~/lib/volunteer-filters";
import { interestLabel, VOLUNTEER_INTERESTS, VOLUNTEER_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { FormErrors } from "~/components/field";
import { useIntentErrors } from "~/components/intent-form";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import {
  countVolunteersByStatus,
  listVolunteers,
  setVolunteerNotes,
  setVolunteerStatus,
} from "~/models/volunteers.server";
import { acceptVolunteerDetails } from "~/models/submitted-details.server";

const FIELD_LABELS: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  phone: "phone",
  zip: "ZIP",
};

export const meta: MetaFunction = () => [{ title: "Volunteers | Champions PAC" }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bulk-status"),
    ids: z
      .array(z.coerce.number().int().positive(), { required_error: "Tick at least one volunteer." })
      .min(1, "Tick at least one volunteer.")
      .max(1000),
    status: z.enum(VOLUNTEER_STATUSES, { errorMap: () => ({ message: "Choose a status." }) }),
  }),
  z.object({
    intent: z.literal("accept-details"),
    id: z.coerce.number().int().positive(),
  }),
  z.object({
    intent: z.literal("notes"),
    id: z.coerce.number().int().positive(),
    notes: z.string().max(5000, "Use at most 5,000 characters.").default(""),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = volunteerFiltersFrom(new URL(request.url));
  return { filters, volunteers: listVolunteers(filters), counts: countVolunteersByStatus() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  // Back to the same filtered list, so the page works as a plain form post.
  const url = new URL(request.url);
  return handleIntent(
    await request.formData(),
    actionSchema,
    (value) => {
      if (value.intent === "bulk-status") setVolunteerStatus(value.ids, value.status, staff.id);
      else if (value.intent === "accept-details") acceptVolunteerDetails(value.id, staff.id);
      else if (!setVolunteerNotes(value.id, value.notes, staff.id))
        throw new RuleViolation("That volunteer no longer exists.");
    },
    () => redirect(`${url.pathname}${url.search}`),
  );
}

export default function Volunteers() {
  const timeZone = useTimeZone();
  const { filters, volunteers, counts } = useLoaderData<typeof loader>();
  // Each row has its own small form, so messages gather above the table.
  const errors = useIntentErrors(["bulk-status", "accept-details", "notes"]);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <section aria-labelledby="volunteers-title" className="stack">
      <h1 id="volunteers-title">Volunteers</h1>
      <nav aria-label="Pipeline">
        <ul className="pipeline">
          <li>
            <Link to="/admin/volunteers" aria-current={!filters.status ? "page" : undefined}>
              All ({Object.values(counts).reduce((a, b) => a + b, 0)})
            </Link>
          </li>
          {VOLUNTEER_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`/admin/volunteers?status=${s}`} aria-current={filters.status === s ? "page" : undefined}>
                {VOLUNTEER_STATUS_LABELS[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filters" aria-label="Filter volunteers">
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any</option>
            {VOLUNTEER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {VOLUNTEER_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-interest">Interest</label>
          <select id="f-interest" name="interest" defaultValue={filters.interest ?? ""}>
            <option value="">Any</option>
            {VOLUNTEER_INTERESTS.map((i) => (
              <option key={i.value} value={i.value}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-area">Area</label>
          <input id="f-area" name="area" defaultValue={filters.area ?? ""} />
        </div>
        <div className="actions">
          <button type="submit" className="secondary">
            Filter
          </button>
          <a className="button button-secondary" href={`/admin/volunteers/export${query ? `?${query}` : ""}`} download>
            Export CSV
          </a>
        </div>
      </Form>
      <FormErrors errors={errors} />
      <Form method="post" id="bulk" className="actions">
        <input type="hidden" name="intent" value="bulk-status" />
        <label htmlFor="bulk-status">Move ticked volunteers to</label>
        <select id="bulk-status" name="status" defaultValue="contacted">
          {VOLUNTEER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {VOLUNTEER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit">Change status</button>
      </Form>
      {volunteers.length === 0 ? (
        <p>No volunteers match these filters.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Area</th>
                <th scope="col">Interests</th>
                <th scope="col">Availability</th>
                <th scope="col">Status</th>
                <th scope="col">Signed up</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {volunteers.map((v) => {
                const name = [v.firstName, v.lastName].filter(Boolean).join(" ");
                return (
                  <tr key={v.id}>
                    <td>
                      <input type="checkbox" name="ids" value={v.id} form="bulk" aria-label={`Select ${name}`} />
                    </td>
                    <td>
                      <Link to={`/admin/contacts/${v.contactId}`}>{name}</Link>
                      <br />
                      <span className="muted">{v.email}</span>
                      {Object.keys(v.submittedDiffers).length > 0 ? (
                        <Form method="post" className="stack-tight">
                          <span className="muted">
                            Typed on the form:{" "}
                            {Object.entries(v.submittedDiffers)
                              .map(([k, val]) => `${FIELD_LABELS[k] ?? k} “${val}”`)
                              .join(", ")}
                          </span>
                          <input type="hidden" name="intent" value="accept-details" />
                          <input type="hidden" name="id" value={v.id} />
                          <button type="submit" className="secondary">
                            Use these details
                          </button>
                        </Form>
                      ) : null}
                    </td>
                    <td>{v.area}</td>
                    <td>{v.interests.map(interestLabel).join(", ")}</td>
                    <td>{v.availability}</td>
                    <td>
                      <span className={`badge badge-${v.status}`}>{VOLUNTEER_STATUS_LABELS[v.status]}</span>
                    </td>
                    <td>{formatInstant(v.createdAt, timeZone)}</td>
                    <td>
                      <Form method="post" className="inline-note">
                        <input type="hidden" name="intent" value="notes" />
                        <input type="hidden" name="id" value={v.id} />
                        <label htmlFor={`notes-${v.id}`} className="visually-hidden">
                          Notes for {name}
                        </label>
                        <textarea id={`notes-${v.id}`} name="notes" rows={2} defaultValue={v.notes} />
                        <button type="submit" className="secondary">
                          Save notes
                        </button>
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
