import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("tests/.tmp");

/**
 * The migrated template is named by a hash of the migrations, so test runs going on at the same
 * time share an identical file and never delete one that another run is copying.
 */
export function templateDbPath(): string {
  const dir = path.resolve("db/migrations");
  const hash = crypto.createHash("sha256");
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return path.join(TMP_DIR, `template-${hash.digest("hex").slice(0, 16)}.db`);
}
