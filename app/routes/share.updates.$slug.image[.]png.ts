import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublishedUpdate } from "~/models/updates.server";
import { getMeasureCards } from "~/models/record-cards.server";
import { getSettings } from "~/models/settings.server";
import { formatTally } from "~/lib/tally";
import { renderShareImage } from "~/lib/share-image.server";
import { pngResponse } from "~/lib/png-response.server";

/** An impact update's share image: its title and the tally of the first roll call it cites. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = getPublishedUpdate(params.slug ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const [record] = found.measures.length ? getMeasureCards([found.measures[0].id]) : [];
  const event = record?.voteEvents[0];
  const png = await renderShareImage({
    eyebrow: `${getSettings().pacName} · Impact`,
    title: found.update.title,
    lines: record ? [record.measure.title] : [],
    figure: event
      ? { value: formatTally(event.tally), caption: event.result === "passed" ? "Passed" : "Failed" }
      : undefined,
  });
  return pngResponse(png);
}
