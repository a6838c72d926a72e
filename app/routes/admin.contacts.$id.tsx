import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireStaff } from "~/lib/session.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { REFERRAL_STATUS_LABELS, VOLUNTEER_STATUS_LABELS } from "~/lib/outreach-options";
import { FormErrors } from "~/components/field";
import { getContactRecord } from "~/models/contact-record.server";
import { addTag, removeTag } from "~/models/contact-tags.server";
import { addContactNote } from "~/models/contact-notes.server";
import { mergeContacts } from "~/models/contact-merge.server";
import { eraseContact } from "~/models/contact-erase.server";
import { findContactByEmail } from "~/models/contacts.server";
import { donorAggregate } from "~/models/donation-stats.server";
import { DonorAggregate } from "~/components/donor-aggregate";
import type { loader as adminLoader } from "./admin";

export const meta: MetaFunction = () => [{ title: "Contact | Champions PAC" }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-tag"),
    tag: z
      .string({ required_error: "Enter a tag." })
      .trim()
      .min(1, "Enter a tag.")
      .max(40, "Use at most 40 characters.")
      .regex(/^[^<>,;]+$/, "A tag can't contain < > , or ;."),
  }),
  z.object({ intent: z.literal("remove-tag"), tagId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("add-note"),
    body: z
      .string({ required_error: "Write the note first." })
      .trim()
      .min(1)
      .max(5000, "Use at most 5,000 characters."),
  }),
  z.object({
    intent: z.literal("merge"),
    other: z.string({ required_error: "Enter the other contact's number or email." }).trim().min(1).max(254),
    confirm: z.literal("on", { errorMap: () => ({ message: "Tick the box to confirm the merge." }) }),
  }),
  z.object({
    intent: z.literal("erase"),
    confirm: z.literal("ERASE", { errorMap: () => ({ message: "Type ERASE to confirm." }) }),
  }),
]);

function contactId(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const record = getContactRecord(contactId(params));
  if (!record) throw new Response("That contact does not exist.", { status: 404 });
  if (record.contact.mergedIntoId) throw redirect(`/admin/contacts/${record.contact.mergedIntoId}`);
  return { ...record, giving: donorAggregate(record.contact.id) };
}

function fail(message: string, status = 400) {
  return Response.json({ errors: [message] }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = contactId(params);
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.error ?? {})
      .flat()
      .filter((m): m is string => Boolean(m));
    return fail(messages[0] ?? "That request was not understood.");
  }
  const value = submission.value;
  switch (value.intent) {
    case "add-tag":
      addTag(id, value.tag, staff.id);
      break;
    case "remove-tag":
      removeTag(id, value.tagId, staff.id);
      break;
    case "add-note":
      addContactNote(id, value.body, staff.id);
      break;
    case "merge": {
      const otherId = /^#?\d+$/.test(value.other)
        ? Number(value.other.replace("#", ""))
        : findContactByEmail(value.other)?.id;
      if (!otherId) return fail("No contact has that number or email.");
      const result = mergeContacts(id, otherId, staff.id);
      if (!result.ok) return fail(result.error);
      break;
    }
    case "erase": {
      if (staff.role !== "admin") return fail("Only an admin can erase a person.", 403);
      const result = eraseContact(id, staff.id);
      if (!result.ok) return fail(result.error);
      break;
    }
  }
  return redirect(`/admin/contacts/${id}`);
}

export default function ContactPage() {
  const timeZone = useTimeZone();
  const record = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const admin = useRouteLoaderData<typeof adminLoader>("routes/admin");
  const { contact } = record;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ") || `Contact #${contact.id}`;
  const address = [contact.street, contact.city, contact.state, contact.zip].filter(Boolean).join(", ");
  return (
    <article aria-labelledby="contact-title" className="stack">
      <p>
        <Link to="/admin/contacts">← Contacts</Link>
      </p>
      <h1 id="contact-title">
        {name} <span className="muted">#{contact.id}</span>
      </h1>
      <FormErrors errors={result?.errors} />

      {contact.erasedAt ? (
        <section aria-labelledby="erased-title" className="notice stack">
          <h2 id="erased-title">Erased on {formatInstant(contact.erasedAt, timeZone)}</h2>
          <p>This person's personal data was removed at their request. What remains, and why:</p>
          <ul>
            {record.kept.map((k) => (
              <li key={k.what}>
                <strong>{k.what}.</strong> {k.why}
                {k.sources.length > 0 && (
                  <>
                    {" "}
                    (
                    {k.sources.map((source, i) => (
                      <span key={source.cite}>
                        {i > 0 && "; "}
                        <a href={source.url} rel="noreferrer">
                          {source.cite}
                        </a>
                      </span>
                    ))}
                    )
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <dl className="details">
          <dt>Email</dt>
          <dd>{contact.email ?? "—"}</dd>
          <dt>Phone</dt>
          <dd>{contact.phone ?? "—"}</dd>
          <dt>Address</dt>
          <dd>{address || "—"}</dd>
          <dt>Employer / occupation</dt>
          <dd>{[contact.employer, contact.occupation].filter(Boolean).join(" / ") || "—"}</dd>
          <dt>Roles</dt>
          <dd>
            {[
              record.volunteers.length
                ? `Volunteer (${record.volunteers.map((v) => VOLUNTEER_STATUS_LABELS[v.status]).join(", ")})`
                : null,
              record.referralsMade.length ? "Referrer" : null,
              record.candidates.length ? "Candidate" : null,
              record.donationCount ? "Donor" : null,
              record.staffAccount ? `Staff (${record.staffAccount.role})` : null,
            ]
              .filter(Boolean)
              .join(" · ") || "—"}
          </dd>
        </dl>
      )}

      {!contact.erasedAt ? (
        <section aria-labelledby="tags-title" className="stack">
          <h2 id="tags-title">Tags</h2>
          <ul className="tag-list">
            {record.tags.map((t) => (
              <li key={t.id}>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-tag" />
                  <input type="hidden" name="tagId" value={t.id} />
                  <span className="badge">{t.name}</span>{" "}
                  <button type="submit" className="link-button" aria-label={`Remove tag ${t.name}`}>
                    ×
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="add-tag" />
            <label htmlFor="new-tag">Add a tag</label>
            <input id="new-tag" name="tag" maxLength={40} />
            <button type="submit" className="secondary">
              Add tag
            </button>
          </Form>
        </section>
      ) : null}

      {record.candidates.length ? (
        <section aria-labelledby="candidate-title">
          <h2 id="candidate-title">Candidate</h2>
          <ul>
            {record.candidates.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/candidates/${c.id}`}>{c.displayName}</Link>
                {record.suggestedBy
                  .filter((s) => s.candidateId === c.id)
                  .map((s) => (
                    <span key={s.id}>
                      {" "}
                      · suggested in <Link to={`/admin/referrals/${s.id}`}>referral #{s.id}</Link> by{" "}
                      <Link to={`/admin/contacts/${s.referrerContactId}`}>contact #{s.referrerContactId}</Link>
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {record.referralsMade.length ? (
        <section aria-labelledby="referrals-title">
          <h2 id="referrals-title">Candidates they suggested</h2>
          <ul>
            {record.referralsMade.map((r) => (
              <li key={r.id}>
                <Link to={`/admin/referrals/${r.id}`}>{r.suggestedName}</Link> ({r.office || "no office given"}):{" "}
                {REFERRAL_STATUS_LABELS[r.status]}
                {r.elected ? (
                  <span className="badge badge-won">Credited: their suggestion was elected</span>
                ) : r.endorsed ? (
                  <span className="badge badge-won">Credited: their suggestion was endorsed</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="giving-title" id="giving">
        <h2 id="giving-title">Giving</h2>
        <p>
          {record.donationCount
            ? `${record.donationCount} donation${record.donationCount === 1 ? "" : "s"} on record; each is on the timeline below.`
            : "No donations on record."}
        </p>
        {record.donationCount ? <DonorAggregate aggregate={record.giving} /> : null}
      </section>

      {!contact.erasedAt ? (
        <section aria-labelledby="note-title" className="stack">
          <h2 id="note-title">Add a note</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-note" />
            <label htmlFor="note-body" className="visually-hidden">
              Note
            </label>
            <textarea id="note-body" name="body" rows={3} maxLength={5000} />
            <div>
              <button type="submit" className="secondary">
                Save note
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol className="timeline">
          {record.timeline.map((e, i) => (
            <li key={`${e.kind}-${e.at}-${i}`} className={`timeline-${e.kind}`}>
              <time dateTime={e.at}>{formatInstant(e.at, timeZone)}</time>{" "}
              <strong>{e.href ? <Link to={e.href}>{e.title}</Link> : e.title}</strong>
              {e.detail ? <div className="prewrap">{e.detail}</div> : null}
            </li>
          ))}
        </ol>
      </section>

      {!contact.erasedAt ? (
        <section aria-labelledby="merge-title" className="stack card">
          <h2 id="merge-title">Merge a duplicate into this contact</h2>
          <p>
            Everything recorded for the other contact (donations, sign-ups, emails, notes, tags) moves here, and the
            other record points to this one.
          </p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="merge" />
            <div className="field">
              <label htmlFor="merge-other">The duplicate's contact number or email</label>
              <input id="merge-other" name="other" />
            </div>
            <label className="check" htmlFor="merge-confirm">
              <input id="merge-confirm" type="checkbox" name="confirm" />
              <span>I checked that both records are the same person.</span>
            </label>
            <div>
              <button type="submit" className="secondary">
                Merge into this contact
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {!contact.erasedAt && admin?.role === "admin" ? (
        <section aria-labelledby="erase-title" className="stack card">
          <h2 id="erase-title">Erase this person</h2>
          <p>
            On the person's request: removes their name, contact details, address, notes, tags, sign-ups, tips and email
            contents. Contribution records keep the donor details the law requires; the page will list what was kept and
            why.
          </p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="erase" />
            <div className="field">
              <label htmlFor="erase-confirm">Type ERASE to confirm</label>
              <input id="erase-confirm" name="confirm" autoComplete="off" />
            </div>
            <div>
              <button type="submit" className="danger">
                Erase personal data
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
