import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

/** The directory holding the app's package.json, found upward from this module: the same answer
 *  from the sources (tsx, Vitest) and from a Remix server build anywhere below the project. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above the server build");
    dir = up;
  }
  root = dir;
  return dir;
}
