/**
 * Instants are shown in the PAC's time zone (settings.timeZone), on staff pages, public pages and
 * in emails alike. Formatters take the zone from their caller; none may pick one of its own. This
 * reads the source of app/ and emails/ and fails on a date formatter with a zone written into it,
 * a formatter or clock reading with no zone at all (it would use the machine's), or a zone name anywhere but the
 * setting's default.
 */
import fs from "node:fs";
import path from "node:path";
import { formatDay, formatInstant, formatInstantDate } from "~/lib/format";

// The one place a zone is named: the setting's default for a fresh database.
const SETTING_DEFAULT = "app/models/settings.server.ts";

const ZONE_LITERAL =
  /["'`](?:UTC|GMT|Z|Etc\/[\w+-]+|(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[\w/+-]+)["'`]/;
const DATE_OPTIONS = /\b(?:dateStyle|timeStyle|year|month|day|weekday|hour|minute|second)\s*:/;

/** The text between the parentheses of the call starting at `open` (the index of "("). */
function callArguments(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

/** What is wrong with one file's date formatting, as "file:line: reason". */
export function zoneProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  const calls = /new Intl\.DateTimeFormat\s*\(|\.toLocale(?:Date|Time)?String\s*\(/g;
  for (const match of source.matchAll(calls)) {
    const args = callArguments(source, match.index + match[0].length - 1);
    const isDateTimeFormat = match[0].startsWith("new Intl");
    const isDateCall = isDateTimeFormat || /toLocale(?:Date|Time)String/.test(match[0]) || DATE_OPTIONS.test(args);
    if (!isDateCall) continue; // a number's toLocaleString("en-US")
    const where = `${file}:${lineOf(source, match.index)}`;
    if (!/\btimeZone\b/.test(args)) problems.push(`${where}: formats a date without the PAC's time zone`);
    else if (/\btimeZone\s*:\s*["'`]/.test(args)) problems.push(`${where}: formats a date in a fixed time zone`);
  }
  for (const match of source.matchAll(/\.get(?:FullYear|Month|Date|Day|Hours|Minutes)\(\)/g)) {
    problems.push(`${file}:${lineOf(source, match.index)}: reads the clock in the machine's own time zone`);
  }
  for (const match of source.matchAll(/\b(?:timeZone|tz)\s*(?::\s*string\s*)?(?:=|\?\?|\|\|)\s*["'`]/g)) {
    problems.push(`${file}:${lineOf(source, match.index)}: a default time zone hidden in code`);
  }
  if (file !== SETTING_DEFAULT) {
    source.split("\n").forEach((line, i) => {
      if (ZONE_LITERAL.test(line) && !/^\s*(?:\*|\/\/)/.test(line)) {
        problems.push(`${file}:${i + 1}: names a time zone (only the setting's default may)`);
      }
    });
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(dir, f));
}

describe("time zone of displayed instants", () => {
  it("no formatter in app/ or emails/ fixes a zone or goes without one", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("emails")];
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((f) => zoneProblems(f, fs.readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });

  it("the scan catches each way of getting it wrong", () => {
    const bad = {
      fixed: `const f = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });`,
      none: `const f = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });`,
      localeDate: `date.toLocaleDateString("en-US")`,
      localeStringDate: `date.toLocaleString("en-US", { month: "long" })`,
      defaultParam: `export function show(iso: string, timeZone = "America/Denver") {}`,
      fallback: `const zone = settings.zone; const tz = zone ?? "Europe/Madrid";`,
      literal: `const ZONE = "America/Chicago";`,
      localClock: `const year = new Date().getFullYear();`,
    };
    for (const [name, source] of Object.entries(bad)) {
      expect(zoneProblems("app/x.ts", source), name).not.toEqual([]);
    }
    const good = [
      `new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone })`,
      `count.toLocaleString("en-US")`,
      `new Intl.DateTimeFormat("en-CA", { timeZone: settings.timeZone, year: "numeric" })`,
    ];
    for (const source of good) expect(zoneProblems("app/x.ts", source), source).toEqual([]);
  });
});

describe("formatters", () => {
  // 06:30 UTC on February 4, 2026: 11:30 pm on February 3 in Denver (UTC-7), 1:30 am on
  // February 4 in New York (UTC-5).
  const instant = "2026-02-04T06:30:00.000Z";

  it("show an instant in the zone they are given", () => {
    expect(formatInstant(instant, "America/Denver")).toBe("Feb 3, 2026, 11:30 PM");
    expect(formatInstant(instant, "America/New_York")).toBe("Feb 4, 2026, 1:30 AM");
    expect(formatInstantDate(instant, "America/Denver")).toBe("February 3, 2026");
    expect(formatInstantDate(instant, "America/New_York")).toBe("February 4, 2026");
    expect(formatInstant(null, "America/Denver")).toBe("—");
  });

  it("write a calendar day as it is, in no zone", () => {
    expect(formatDay("2017-02-07")).toBe("February 7, 2017");
    expect(formatDay("2017-12-31")).toBe("December 31, 2017");
    expect(formatDay(null)).toBe("—");
    expect(formatDay("not a day")).toBe("not a day");
  });
});
