/**
 * One way to do each job that every form shares, checked over the source so a new model or route
 * cannot quietly start a second way:
 * - models refuse by throwing a RuleViolation (with field names), never by returning `{ ok: false }`;
 * - a route reads a numeric id from its URL only through `idParam` (a 404, never a 500);
 * - every public form goes through `handlePublicForm` (one honeypot, one rate limit);
 * - every form action goes through the action helper (`handleIntent`, which `handlePublicForm` uses).
 */
import fs from "node:fs";
import path from "node:path";
import { manifestRoutes } from "../support/route-manifest";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the refusal contract", () => {
  it("no model returns an { ok: false } refusal; they throw RuleViolation", () => {
    // The health probe reports the database's state; it refuses nothing.
    const notARefusal = new Set(["app/models/health.server.ts"]);
    const offenders = sourceFiles("app/models").filter(
      (file) => !notARefusal.has(file) && /\bok\s*:\s*false\b/.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("no route answers a form with an ad hoc { ok: false } or { errors: [...] } body", () => {
    const offenders = sourceFiles("app/routes").filter((file) =>
      /\bok\s*:\s*false\b|Response\.json\(\s*\{\s*errors\s*:/.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("the scan finds a refusal written the old way (the check can fail)", () => {
    expect(/\bok\s*:\s*false\b/.test('return { ok: false, error: "That contact does not exist." };')).toBe(true);
  });
});

describe("ids from the URL", () => {
  it("every route with a numeric id in its path reads it with idParam, never Number(params…)", async () => {
    const routes = await manifestRoutes();
    const numeric = routes.filter((r) => /:(id|\w+Id)\b/.test(r.path));
    expect(numeric.length).toBeGreaterThan(10);
    const offenders = numeric
      .filter((r) => {
        const names = [...r.path.matchAll(/:(id|\w+Id)\b/g)].map((m) => m[1]);
        return (
          /Number\(\s*params\b|parseInt\(\s*params\b/.test(r.source) ||
          names.some(
            (name) =>
              r.source.split(`params.${name}`).length !== r.source.split(`idParam(params.${name}`).length ||
              !r.source.includes(`idParam(params.${name}`),
          )
        );
      })
      .map((r) => r.file);
    expect(offenders).toEqual([]);
  });
});

describe("public forms", () => {
  it("every form with a honeypot goes through handlePublicForm and checks the honeypot nowhere else", async () => {
    const routes = await manifestRoutes();
    const publicForms = routes.filter((r) => r.source.includes("<Honeypot"));
    expect(publicForms.map((r) => r.path).sort()).toEqual(
      expect.arrayContaining(["/donate", "/refer", "/subscribe", "/tips", "/volunteer"]),
    );
    const offenders = publicForms
      .filter((r) => !r.source.includes("handlePublicForm(") || r.source.includes("website_url"))
      .map((r) => r.file);
    expect(offenders).toEqual([]);
  });

  it("every public page that posts a form shows the honeypot", async () => {
    const routes = await manifestRoutes();
    const offenders = routes
      .filter((r) => r.source.includes("handlePublicForm(") && !r.source.includes("<Honeypot"))
      .map((r) => r.file);
    expect(offenders).toEqual([]);
  });
});

/** Actions that take no form a person fills in: signed provider callbacks, probes, one-click links. */
const NOT_FORMS = new Set([
  "routes/webhooks.stripe.tsx",
  "routes/webhooks.resend.tsx",
  "routes/healthz.tsx",
  "routes/logout.tsx",
  "routes/unsubscribe_.one-click.tsx",
]);

describe("form actions", () => {
  it("every route action that takes a form goes through the action helper", async () => {
    const routes = await manifestRoutes();
    const actions = routes.filter((r) => /export (async )?function action\b|export const action\b/.test(r.source));
    expect(actions.length).toBeGreaterThan(30);
    const offenders = actions
      .filter((r) => !NOT_FORMS.has(r.file))
      .filter((r) => !/\b(handleIntent|handlePublicForm)\(/.test(r.source))
      .map((r) => r.file);
    expect(offenders).toEqual([]);
  });

  it("every route the test exempts still exists", async () => {
    const files = new Set((await manifestRoutes()).map((r) => r.file));
    expect([...NOT_FORMS].filter((f) => !files.has(f))).toEqual([]);
  });
});
