import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/lib/session.server";
import { contactFiltersFrom } from "~/lib/contact-filters";
import { csvResponse } from "~/lib/csv-response.server";
import { CONTACT_EXPORT_HEADER, contactExportRows } from "~/models/contact-search.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return csvResponse("contacts", CONTACT_EXPORT_HEADER, contactExportRows(contactFiltersFrom(new URL(request.url))));
}
