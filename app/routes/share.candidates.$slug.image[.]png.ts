import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { getSettings } from "~/models/settings.server";
import { renderShareImage } from "~/lib/share-image.server";
import { portraitDataUrl } from "~/lib/share-portrait.server";
import { pngResponse } from "~/lib/png-response.server";

/** The candidate page's share image: name, photo, office and the alignment score with its basis. */
export async function loader({ params }: LoaderFunctionArgs) {
  const profile = getCandidateProfile(params.slug ?? "");
  if (!profile) throw new Response("Not found", { status: 404 });
  const { candidate, alignment, terms, endorsements } = profile;
  const term = terms.at(-1);
  const endorsed = endorsements.find((e) => e.status === "endorsed");
  const lines = [
    term ? `${term.bodyName}, ${term.seatName}` : null,
    endorsed ? `Endorsed ${endorsed.cycle}${endorsed.outcome === "won" ? " · Won" : ""}` : null,
  ].filter((l): l is string => Boolean(l));
  const png = await renderShareImage({
    eyebrow: getSettings().pacName,
    title: candidate.displayName,
    lines,
    figure: alignment.counted
      ? {
          value: `${Math.round((alignment.aligned / alignment.counted) * 100)}%`,
          caption: `${alignment.aligned} of ${alignment.counted} scored votes aligned${alignment.onlyUnanimous ? ", all unanimous" : ""}`,
        }
      : undefined,
    portrait: { name: candidate.displayName, dataUrl: portraitDataUrl(candidate.photoPath) },
  });
  return pngResponse(png);
}
