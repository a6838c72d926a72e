import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/lib/session.server";
import { FormErrors } from "~/components/field";
import { discardStagedImport, readStagedImport, stageImport } from "~/lib/import-staging.server";
import { IMPORT_FIELDS } from "~/lib/contact-import-fields";
import {
  CsvFormatError,
  importContacts,
  previewCsv,
  type ColumnMapping,
  type ImportReport,
} from "~/models/contact-import.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";

export const meta: MetaFunction = () => [{ title: "Import contacts | Champions PAC" }];

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

interface PreviewData {
  token: string;
  fileName: string;
  header: string[];
  sample: Array<{ line: number; cells: string[] }>;
  rowCount: number;
  mapping: ColumnMapping;
}

/** The page's two steps answer with the preview to map, or the report of what was imported. */
interface ImportReply extends IntentReply {
  preview?: PreviewData;
  report?: ImportReport;
}

const NOT_UNDERSTOOD = "That request was not understood. Upload the file again.";
const CHOOSE_FILE = "Choose a CSV file to upload.";

const uploadSchema = z.object({
  intent: z.literal("upload"),
  file: z.instanceof(File, { message: CHOOSE_FILE }).refine((f) => f.size > 0, CHOOSE_FILE),
});

const columnIndex = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.coerce
    .number({ message: NOT_UNDERSTOOD })
    .int(NOT_UNDERSTOOD)
    .min(0, NOT_UNDERSTOOD)
    .max(500, NOT_UNDERSTOOD)
    .optional(),
);
const importSchema = z.object({
  intent: z.literal("import"),
  token: z.string({ message: NOT_UNDERSTOOD }).regex(/^[0-9a-f]{32}$/, NOT_UNDERSTOOD),
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [`map_${f.key}`, columnIndex])),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

/** A file's format fault is the person's to fix, so it is refused like any other bad input. */
function refusingBadCsv<T>(work: () => T, field?: string): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof CsvFormatError) throw new RuleViolation(e.message, field);
    throw e;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let formData: FormData;
    try {
      formData = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
    } catch (e) {
      if (!(e instanceof MaxPartSizeExceededError)) throw e;
      // The upload was cut off before any field could be read, so there is no submission to reply to.
      const result = {
        status: "error" as const,
        error: { file: ["The file is larger than 50 MB. Split it into smaller files."] },
      };
      return Response.json({ intent: "upload", result } satisfies ImportReply, { status: 413 });
    }
    return handleIntent(
      formData,
      uploadSchema,
      async ({ file }) => {
        const text = await file.text();
        const preview = refusingBadCsv(() => previewCsv(text), "file");
        return { token: stageImport(text), fileName: file.name, ...preview };
      },
      (preview) => Response.json({ intent: "upload", result: null, preview } satisfies ImportReply),
    );
  }

  return handleIntent(
    await request.formData(),
    importSchema,
    (value) => {
      const fields = value as Record<string, unknown> & { token: string };
      const text = readStagedImport(fields.token);
      if (text === null) throw new RuleViolation("That upload has expired. Upload the file again.");
      const mapping: ColumnMapping = {};
      for (const f of IMPORT_FIELDS) {
        const index = fields[`map_${f.key}`];
        if (typeof index === "number") mapping[f.key] = index;
      }
      const report = refusingBadCsv(() => importContacts(text, mapping, staff.id));
      discardStagedImport(fields.token);
      return report;
    },
    (report) => Response.json({ intent: "import", result: null, report } satisfies ImportReply),
  );
}

export default function ImportContacts() {
  const data = useActionData<ImportReply>();
  const errors = [...new Set(Object.values(data?.result?.error ?? {}).flatMap((e) => e ?? []))];
  return (
    <section aria-labelledby="import-title" className="stack">
      <p>
        <Link to="/admin/contacts">← Contacts</Link>
      </p>
      <h1 id="import-title">Import contacts from CSV</h1>
      <FormErrors errors={errors} />
      {data?.preview ? <Preview data={data.preview} /> : null}
      {data?.report ? <Report report={data.report} /> : null}
      {!data?.preview ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="upload" />
          <p>
            The first row must hold the column names. Rows are matched to existing contacts by email address; a blank
            cell never erases what we already know. You choose which column fills which field before anything is saved.
          </p>
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <div>
            <button type="submit">Upload and preview</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function Preview({ data }: { data: PreviewData }) {
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="import" />
      <input type="hidden" name="token" value={data.token} />
      <h2>Map the columns of {data.fileName}</h2>
      <p>
        {data.rowCount.toLocaleString("en-US")} row{data.rowCount === 1 ? "" : "s"} found. Check which column fills each
        field; the first rows are shown below.
      </p>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`map-${f.key}`}>{f.label}</label>
            <select id={`map-${f.key}`} name={`map_${f.key}`} defaultValue={data.mapping[f.key] ?? ""}>
              <option value="">(not imported)</option>
              {data.header.map((h, i) => (
                <option key={i} value={i}>
                  {h || `Column ${i + 1}`}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="table-wrap">
        <table>
          <caption>First rows of the file</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {data.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h || `Column ${i + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.sample.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                {data.header.map((_, i) => (
                  <td key={i}>{row.cells[i] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="submit">Import {data.rowCount.toLocaleString("en-US")} rows</button>
        <Link to="/admin/contacts/import">Start over</Link>
      </div>
    </Form>
  );
}

function Report({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="report-title" className="stack card" role="status">
      <h2 id="report-title">Import finished</h2>
      <ul>
        <li>{report.created.toLocaleString("en-US")} created</li>
        <li>{report.updated.toLocaleString("en-US")} updated</li>
        <li>{report.unchanged.toLocaleString("en-US")} already up to date</li>
        <li>{report.skipped.length.toLocaleString("en-US")} skipped</li>
      </ul>
      {report.skipped.length ? (
        <div className="table-wrap">
          <table>
            <caption>Skipped rows</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.slice(0, 1000).map((s) => (
                <tr key={s.line}>
                  <td>{s.line}</td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
