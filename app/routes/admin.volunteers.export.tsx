import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/lib/session.server";
import { volunteerFiltersFrom } from "~/lib/volunteer-filters";
import { csvResponse } from "~/lib/csv-response.server";
import { VOLUNTEER_EXPORT_HEADER, volunteerExportRows } from "~/models/volunteers.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return csvResponse(
    "volunteers",
    VOLUNTEER_EXPORT_HEADER,
    volunteerExportRows(volunteerFiltersFrom(new URL(request.url))),
  );
}
