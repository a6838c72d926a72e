import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { auditLog } from "#db/schema";
import { makeCandidate } from "../factories";
import { MAX_PHOTO_BYTES, photoFile, replaceCandidatePhoto } from "~/models/candidate-photo.server";
import { createStaffUser } from "~/models/staff-users.server";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe("candidate photos", () => {
  let uploadsDir: string;
  beforeEach(() => {
    uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-"));
  });
  afterEach(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

  it("stores an image under UPLOADS_DIR, replaces the previous one and audits the change", async () => {
    const staff = await createStaffUser({
      email: "photo@example.org",
      password: "long enough password",
      role: "staff",
    });
    const c = makeCandidate(db(), { displayName: "Photo Person" });
    const first = replaceCandidatePhoto(c.id, PNG, staff.id, { uploadsDir });
    expect(first.photoPath).toMatch(/^\/uploads\/candidates\/\d+-[0-9a-f]{16}\.png$/);
    const firstName = path.basename(first.photoPath!);
    expect(photoFile(firstName, { uploadsDir })?.type).toBe("image/png");

    const second = replaceCandidatePhoto(c.id, JPEG, staff.id, { uploadsDir });
    expect(second.photoPath).toMatch(/\.jpg$/);
    expect(photoFile(firstName, { uploadsDir })).toBeNull();
    expect(fs.readdirSync(path.join(uploadsDir, "candidates"))).toHaveLength(1);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "photo")).all()).toHaveLength(2);
  });

  it("refuses files that are not JPEG, PNG or WebP whatever their name, and files over 2 MB", async () => {
    const staff = await createStaffUser({
      email: "photo2@example.org",
      password: "long enough password",
      role: "staff",
    });
    const c = makeCandidate(db(), { displayName: "Photo Person" });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(() => replaceCandidatePhoto(c.id, svg, staff.id, { uploadsDir })).toThrow(/JPEG, PNG or WebP/);
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(PNG);
    expect(() => replaceCandidatePhoto(c.id, big, staff.id, { uploadsDir })).toThrow(/2 MB/);
    expect(() => replaceCandidatePhoto(c.id, new Uint8Array(), staff.id, { uploadsDir })).toThrow(/Choose a photo/);
    expect(fs.existsSync(path.join(uploadsDir, "candidates"))).toBe(false);
    expect(photoFile("../../etc/passwd", { uploadsDir })).toBeNull();
  });
});
