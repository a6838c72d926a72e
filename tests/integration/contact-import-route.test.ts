/**
 * The CSV import page's two steps, through its action: an upload answers with a preview to map,
 * the mapped import answers with a report, and bad input is refused with a message, storing nothing.
 */
import { db } from "#db/client";
import { contacts } from "#db/schema";
import { action } from "~/routes/admin.contacts.import";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";

async function staffCookie() {
  const user = await createStaffUser({ email: "ana@example.org", password: "a long enough password", role: "staff" });
  return (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
}

async function post(cookie: string, body: FormData | URLSearchParams) {
  const request = new Request("http://localhost/admin/contacts/import", {
    method: "POST",
    headers: { Cookie: cookie },
    body,
  });
  const response = await action({ request, params: {}, context: {} } as never);
  return { status: response.status, body: await response.json() };
}

function upload(csv: string) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([csv], "people.csv", { type: "text/csv" }));
  return form;
}

it("previews an upload, then imports it with the chosen columns", async () => {
  const cookie = await staffCookie();
  const before = db().select().from(contacts).all().length;
  const preview = await post(cookie, upload("First,Last,Email\nRosa,Vigil,rosa@example.org\n"));
  expect(preview.status).toBe(200);
  expect(preview.body.preview).toMatchObject({ fileName: "people.csv", rowCount: 1 });
  const mapping = new URLSearchParams({ intent: "import", token: preview.body.preview.token });
  for (const [key, index] of Object.entries(preview.body.preview.mapping)) mapping.set(`map_${key}`, String(index));
  const done = await post(cookie, mapping);
  expect(done.status).toBe(200);
  expect(done.body.report).toMatchObject({ created: 1 });
  expect(db().select().from(contacts).all().length).toBe(before + 1);
});

it("refuses a missing file next to the file field, and an unknown upload token above the form", async () => {
  const cookie = await staffCookie();
  const before = db().select().from(contacts).all().length;
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([], ""));
  const empty = await post(cookie, form);
  expect(empty.status).toBe(400);
  expect(empty.body.result.error.file).toEqual(["Choose a CSV file to upload."]);
  const stale = await post(cookie, new URLSearchParams({ intent: "import", token: "0".repeat(32) }));
  expect(stale.status).toBe(400);
  expect(stale.body.result.error[""]).toEqual(["That upload has expired. Upload the file again."]);
  expect(db().select().from(contacts).all().length).toBe(before);
});
