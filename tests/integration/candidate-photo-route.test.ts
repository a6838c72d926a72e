/** The photo form end to end through the route's action: multipart parsing, size cap, type check. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "#db/client";
import { makeCandidate } from "../factories";
import { action } from "~/routes/admin.candidates.$id";
import { getCandidate } from "~/models/candidates.server";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";

const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "route-uploads-"));
process.env.UPLOADS_DIR = uploadsDir;
afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

async function post(candidateId: number, bytes: Uint8Array, type: string) {
  const user = await createStaffUser({
    email: `p${Math.random()}@example.org`,
    password: "long enough password",
    role: "staff",
  });
  const cookie = (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
  const form = new FormData();
  form.set("intent", "photo");
  form.set("photo", new File([new Uint8Array(bytes)], "portrait", { type }));
  const request = new Request(`http://localhost/admin/candidates/${candidateId}`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie },
  });
  try {
    return (await action({
      request,
      params: { id: String(candidateId) },
      context: { clientIp: "127.0.0.1" },
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("candidate photo form", () => {
  it("stores a PNG and redirects back to the candidate", async () => {
    const c = makeCandidate(db(), { displayName: "Route Person" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const res = await post(c.id, png, "image/png");
    expect(res.status).toBe(302);
    const photoPath = getCandidate(c.id)!.photoPath!;
    expect(fs.existsSync(path.join(uploadsDir, "candidates", path.basename(photoPath)))).toBe(true);
  });

  it("answers 400 with the message next to the field for a wrong type or an oversized file", async () => {
    const c = makeCandidate(db(), { displayName: "Route Person" });
    const gif = await post(c.id, new TextEncoder().encode("GIF89a...."), "image/png");
    expect(gif.status).toBe(400);
    expect(JSON.stringify(await gif.json())).toContain("JPEG, PNG or WebP");
    const big = await post(c.id, new Uint8Array(3 * 1024 * 1024), "image/jpeg");
    expect(big.status).toBe(400);
    expect((await big.json()).result.error.photo).toEqual(["The photo must be 2 MB or smaller."]);
    expect(getCandidate(c.id)!.photoPath).toBeNull();
  });
});
