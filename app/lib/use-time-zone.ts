/**
 * The PAC's time zone (settings.timeZone) for components that show instants. The root loader
 * reads it from settings on the server, so every page, public or staff, formats with the same
 * zone and a change in /admin/settings shows on the next page load.
 */
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

export function useTimeZone(): string {
  const timeZone = useRouteLoaderData<typeof rootLoader>("root")?.timeZone;
  // Without the root's data there is no setting to honour; guessing a zone would show wrong times.
  if (!timeZone) throw new Error("The PAC's time zone is not loaded (root loader data missing)");
  return timeZone;
}
