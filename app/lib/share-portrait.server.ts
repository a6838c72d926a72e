import fs from "node:fs";
import path from "node:path";
import { photoFile } from "~/models/candidate-photo.server";

/** A candidate's uploaded photo as a data: URL for the share image (JPEG and PNG only: what the renderer reads). */
export function portraitDataUrl(photoPath: string | null): string | null {
  if (!photoPath) return null;
  const found = photoFile(path.basename(photoPath));
  if (!found || (found.type !== "image/jpeg" && found.type !== "image/png")) return null;
  return `data:${found.type};base64,${fs.readFileSync(found.file).toString("base64")}`;
}
