import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoFile } from "~/models/candidate-photo.server";

/**
 * Candidate photos live in UPLOADS_DIR. With the default (public/uploads) the static file server
 * answers first; this route serves them when UPLOADS_DIR is elsewhere.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const found = photoFile(params.file ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(fs.readFileSync(found.file), {
    headers: {
      "Content-Type": found.type,
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
