import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db, type DbOrTx } from "#db/client";
import { env } from "~/lib/env.server";
import { getCandidate, setCandidatePhoto, type Candidate } from "./candidates.server";
import { RuleViolation } from "./rule-violation.server";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_URL_PREFIX = "/uploads/candidates/";

/** The type is read from the file's first bytes, never from the name or the browser's claim. */
export function detectImageType(bytes: Uint8Array): "jpg" | "png" | "webp" | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpg";
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return "png";
  if (
    b.length >= 12 &&
    String.fromCharCode(b[0], b[1], b[2], b[3]) === "RIFF" &&
    String.fromCharCode(b[8], b[9], b[10], b[11]) === "WEBP"
  )
    return "webp";
  return null;
}

export function photoDirectory(uploadsDir = env().UPLOADS_DIR): string {
  return path.resolve(uploadsDir, "candidates");
}

/**
 * Stores a candidate's photo on disk under UPLOADS_DIR with a fresh random name (so caches never
 * serve the old one) and points the candidate at it; the previous file is removed afterwards.
 */
export function replaceCandidatePhoto(
  id: number,
  bytes: Uint8Array,
  actorId: number,
  options: { uploadsDir?: string } = {},
  database: DbOrTx = db(),
): Candidate {
  if (bytes.length === 0) throw new RuleViolation("Choose a photo to upload.", "photo");
  if (bytes.length > MAX_PHOTO_BYTES) throw new RuleViolation("The photo must be 2 MB or smaller.", "photo");
  const type = detectImageType(bytes);
  if (!type) throw new RuleViolation("The photo must be a JPEG, PNG or WebP image.", "photo");
  const previous = getCandidate(id, database);
  if (!previous) throw new RuleViolation("That candidate no longer exists.");

  const dir = photoDirectory(options.uploadsDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = `${id}-${crypto.randomBytes(8).toString("hex")}.${type}`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  let updated: Candidate;
  try {
    updated = setCandidatePhoto(id, PHOTO_URL_PREFIX + name, actorId, database);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  if (previous.photoPath?.startsWith(PHOTO_URL_PREFIX)) {
    fs.rmSync(path.join(dir, path.basename(previous.photoPath)), { force: true });
  }
  return updated;
}

/** The stored file behind a photo URL's name, or null for anything that is not one of ours. */
export function photoFile(name: string, options: { uploadsDir?: string } = {}): { file: string; type: string } | null {
  const match = /^(\d+-[0-9a-f]{16})\.(jpg|png|webp)$/.exec(name);
  if (!match) return null;
  const file = path.join(photoDirectory(options.uploadsDir), name);
  if (!fs.existsSync(file)) return null;
  return { file, type: match[2] === "jpg" ? "image/jpeg" : `image/${match[2]}` };
}
