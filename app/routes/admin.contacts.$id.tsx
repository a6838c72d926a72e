import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { z } from "zod";
import { requireStaff } from "~/lib/session.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { REFERRAL_STATUS_LABELS, VOLUNTEER_STATUS_LABELS } from "~/lib/outreach-options";
import { CheckboxField, FormErrors, TextareaField, TextField } from "~/components/field";
import { IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { RuleViolation } from "~/models/rule-violation.server";
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

const addTagSchema = z.object({
  intent: z.literal("add-tag"),
  tag: z
    .string({ required_error: "Enter a tag." })
    .trim()
    .min(1, "Enter a tag.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[^<>,;]+$/, "A tag can't contain < > , or ;."),
});
const removeTagSchema = z.object({ intent: z.literal("remove-tag"), tagId: z.coerce.number().int().positive() });
const noteSchema = z.object({
  intent: z.literal("add-note"),
  body: z.string({ required_error: "Write the note first." }).trim().min(1).max(5000, "Use at most 5,000 characters."),
});
const mergeSchema = z.object({
  intent: z.literal("merge"),
  other: z.string({ required_error: "Enter the other contact's number or email." }).trim().min(1).max(254),
  confirm: z.literal("on", { errorMap: () => ({ message: "Tick the box to confirm the merge." }) }),
});
const eraseSchema = z.object({
  intent: z.literal("erase"),
  confirm: z.literal("ERASE", { errorMap: () => ({ message: "Type ERASE to confirm." }) }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const record = getContactRecord(idParam(params.id));
  if (!record) throw new Response("That contact does not exist.", { status: 404 });
  if (record.contact.mergedIntoId) throw redirect(`/admin/contacts/${record.contact.mergedIntoId}`);
  return { ...record, giving: donorAggregate(record.contact.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const intent = intentOf(formData);
  const reload = () => redirect(`/admin/contacts/${id}`);
  switch (intent) {
    case "add-tag":
      return handleIntent(formData, addTagSchema, (v) => addTag(id, v.tag, staff.id), reload);
    case "remove-tag":
      return handleIntent(formData, removeTagSchema, (v) => removeTag(id, v.tagId, staff.id), reload);
    case "add-note":
      return handleIntent(formData, noteSchema, (v) => addContactNote(id, v.body, staff.id), reload);
    case "merge":
      return handleIntent(
        formData,
        mergeSchema,
        (v) => {
          const otherId = /^#?\d+$/.test(v.other) ? Number(v.other.replace("#", "")) : findContactByEmail(v.other)?.id;
          if (!otherId) throw new RuleViolation("No contact has that number or email.", "other");
          return mergeContacts(id, otherId, staff.id);
        },
        reload,
      );
    case "erase":
      if (staff.role !== "admin") {
        return Response.json(
          { intent, result: null, notice: "Only an admin can erase a person." } satisfies IntentReply,
          { status: 403 },
        );
      }
      return handleIntent(formData, eraseSchema, () => eraseContact(id, staff.id), reload);
    default:
      return unknownIntent(intent);
  }
}

export default function ContactPage() {
  const timeZone = useTimeZone();
  const record = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const tagErrors = useIntentErrors(["remove-tag"]);
  const [tagForm, tagFields] = useIntentForm("add-tag", addTagSchema);
  const [noteForm, noteFields] = useIntentForm("add-note", noteSchema);
  const [mergeForm, mergeFields] = useIntentForm("merge", mergeSchema);
  const [eraseForm, eraseFields] = useIntentForm("erase", eraseSchema);
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
      <FormErrors errors={notice ? [notice] : undefined} />

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
                  <IntentInput intent="remove-tag" />
                  <input type="hidden" name="tagId" value={t.id} />
                  <span className="badge">{t.name}</span>{" "}
                  <button type="submit" className="link-button" aria-label={`Remove tag ${t.name}`}>
                    ×
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <FormErrors errors={tagErrors} />
          <Form method="post" className="actions" {...getFormProps(tagForm)}>
            <IntentInput intent="add-tag" />
            <FormErrors errors={tagForm.errors} id={tagForm.errorId} />
            <TextField label="Add a tag" field={tagFields.tag} />
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
          <Form method="post" className="stack" {...getFormProps(noteForm)}>
            <IntentInput intent="add-note" />
            <FormErrors errors={noteForm.errors} id={noteForm.errorId} />
            <TextareaField label="Note" field={noteFields.body} rows={3} />
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
          <Form method="post" className="stack" {...getFormProps(mergeForm)}>
            <IntentInput intent="merge" />
            <FormErrors errors={mergeForm.errors} id={mergeForm.errorId} />
            <TextField label="The duplicate's contact number or email" field={mergeFields.other} />
            <CheckboxField label="I checked that both records are the same person." field={mergeFields.confirm} />
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
          <Form method="post" className="stack" {...getFormProps(eraseForm)}>
            <IntentInput intent="erase" />
            <FormErrors errors={eraseForm.errors} id={eraseForm.errorId} />
            <TextField label="Type ERASE to confirm" field={eraseFields.confirm} autoComplete="off" />
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
