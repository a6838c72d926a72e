/**
 * Holds an uploaded CSV between the column-mapping preview and the import, so the browser posts
 * back only a token and the mapping (the page works without JavaScript).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

const dir = () => path.join(os.tmpdir(), "champions-imports");
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function stageImport(text: string): string {
  fs.mkdirSync(dir(), { recursive: true, mode: 0o700 });
  sweep();
  const token = randomBytes(16).toString("hex");
  fs.writeFileSync(path.join(dir(), `${token}.csv`), text, { mode: 0o600 });
  return token;
}

export function readStagedImport(token: string): string | null {
  if (!/^[0-9a-f]{32}$/.test(token)) return null;
  try {
    return fs.readFileSync(path.join(dir(), `${token}.csv`), "utf8");
  } catch {
    return null;
  }
}

export function discardStagedImport(token: string): void {
  if (/^[0-9a-f]{32}$/.test(token)) fs.rmSync(path.join(dir(), `${token}.csv`), { force: true });
}

function sweep() {
  const now = Date.now();
  for (const name of fs.readdirSync(dir())) {
    const file = path.join(dir(), name);
    try {
      if (now - fs.statSync(file).mtimeMs > MAX_AGE_MS) fs.rmSync(file, { force: true });
    } catch {
      // another request swept it first
    }
  }
}
