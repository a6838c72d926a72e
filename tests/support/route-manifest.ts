/**
 * The app's routes as Remix's compiler sees them (remix.config.js), for the tests that walk every
 * route: the admin guard, the cross-site gate, the browser walk. A new route file is in the list
 * the moment it exists.
 */
import fs from "node:fs";
import path from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";

export interface ManifestRoute {
  id: string;
  /** the route module, relative to the app directory */
  file: string;
  /** its URL pattern, e.g. /admin/candidates/:id */
  path: string;
  index: boolean;
  /** the module's absolute path */
  modulePath: string;
  /** its source text, to tell resource routes (no component) and routes with an action apart */
  source: string;
}

export async function manifestRoutes(): Promise<ManifestRoute[]> {
  const config = await readConfig(path.resolve("."), "production" as Parameters<typeof readConfig>[1]);
  const manifest = config.routes;
  const fullPath = (id: string) => {
    const parts: string[] = [];
    for (let r = manifest[id]; r; r = r.parentId ? manifest[r.parentId] : (undefined as never))
      if (r.path) parts.unshift(r.path);
    return "/" + parts.join("/");
  };
  return Object.values(manifest).map((r) => {
    const modulePath = path.join(config.appDirectory, r.file);
    return {
      id: r.id,
      file: r.file,
      path: fullPath(r.id),
      index: Boolean(r.index),
      modulePath,
      source: fs.readFileSync(modulePath, "utf8"),
    };
  });
}

/** A URL for a pattern, with 1 for every parameter. */
export function concretePath(routePath: string): string {
  return routePath.replace(/:[^/]+/g, "1").replace(/\*$/, "x");
}
