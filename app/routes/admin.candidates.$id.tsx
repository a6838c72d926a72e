import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors, TextareaField, TextField } from "~/components/field";
import { IntentInput, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { deleteCandidate, getCandidate, setCandidateArchived, updateCandidate } from "~/models/candidates.server";
import { MAX_PHOTO_BYTES, replaceCandidatePhoto } from "~/models/candidate-photo.server";
import { candidateSchema, noFields } from "~/lib/track-record-forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.candidate.displayName ?? "Candidate"} | Champions PAC` },
];

const editSchema = candidateSchema.omit({ email: true });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const candidate = getCandidate(idParam(params.id));
  if (!candidate) throw new Response("Candidate not found", { status: 404 });
  return { candidate };
}

async function readForm(request: Request): Promise<FormData | Response> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    const reply: IntentReply = {
      intent: "photo",
      result: { status: "error", error: { photo: ["The photo must be 2 MB or smaller."] } },
    };
    return Response.json(reply, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const back = () => redirect(`/admin/candidates/${id}`);
  switch (intentOf(formData)) {
    case "update":
      return handleIntent(formData, editSchema, (v) => updateCandidate(id, v, staff.id), back);
    case "photo": {
      const file = formData.get("photo");
      const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      const withBytes = new FormData();
      withBytes.set("intent", "photo");
      return handleIntent(withBytes, noFields, () => replaceCandidatePhoto(id, bytes, staff.id), back);
    }
    case "archive":
    case "unarchive":
      return handleIntent(
        formData,
        noFields,
        () => setCandidateArchived(id, intentOf(formData) === "archive", staff.id),
        back,
      );
    case "delete":
      return handleIntent(
        formData,
        noFields,
        () => deleteCandidate(id, staff.id),
        () => redirect("/admin/candidates"),
      );
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminCandidate() {
  const { candidate } = useLoaderData<typeof loader>();
  const reply = useActionData<IntentReply>();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("update", editSchema, {
    displayName: candidate.displayName,
    slug: candidate.slug,
    website: candidate.website ?? "",
    bio: candidate.bio,
  });
  const photoErrors =
    reply?.intent === "photo" ? [...(reply.result?.error?.photo ?? []), ...(reply.result?.error?.[""] ?? [])] : [];
  const deleteErrors =
    reply && ["delete", "archive", "unarchive"].includes(reply.intent) ? (reply.result?.error?.[""] ?? []) : [];
  return (
    <section aria-labelledby="candidate-title">
      <h1 id="candidate-title">{candidate.displayName}</h1>
      <p>
        <Link to={`/candidates/${candidate.slug}`}>Public page</Link> ·{" "}
        <Link to="/admin/candidates">All candidates</Link>
        {candidate.archivedAt ? <span className="badge"> Archived</span> : null}
      </p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <h2>Details</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <IntentInput intent="update" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.displayName} />
        <TextField label="Web address" field={fields.slug} />
        <TextField label="Campaign website (optional)" field={fields.website} type="url" />
        <TextareaField label="Bio" field={fields.bio} rows={6} />
        <div>
          <button type="submit">Save details</button>
        </div>
      </Form>

      <h2>Photo</h2>
      {candidate.photoPath ? (
        <img src={candidate.photoPath} alt={`Current portrait of ${candidate.displayName}`} width={160} />
      ) : (
        <p>No photo yet.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack">
        <IntentInput intent="photo" />
        <div className="field">
          <label htmlFor="photo">New photo</label>
          <p id="photo-hint" className="hint">
            JPEG, PNG or WebP, 2 MB at most.
          </p>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={photoErrors.length ? true : undefined}
            aria-describedby={photoErrors.length ? "photo-hint photo-error" : "photo-hint"}
          />
          {photoErrors.length ? (
            <p id="photo-error" className="field-error" role="alert">
              {photoErrors.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit">Upload photo</button>
        </div>
      </Form>

      <h2>Archive or delete</h2>
      <FormErrors errors={deleteErrors} />
      <div className="actions">
        <Form method="post">
          <IntentInput intent={candidate.archivedAt ? "unarchive" : "archive"} />
          <button type="submit" className="secondary">
            {candidate.archivedAt ? "Restore from archive" : "Archive"}
          </button>
        </Form>
        <Form method="post">
          <IntentInput intent="delete" />
          <button type="submit" className="danger">
            Delete
          </button>
        </Form>
      </div>
      <p className="hint">
        Archiving hides the candidate from public pages and keeps the record. Only a candidate with no record can be
        deleted.
      </p>
    </section>
  );
}
