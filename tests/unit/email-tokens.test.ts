/**
 * Email links name their lists: reordering or extending EMAIL_LISTS must not change what a link
 * already sent does, and links mailed when tokens held list positions keep their first meaning.
 */
import type * as Enums from "#db/enums";
import { sign } from "~/lib/signing.server";
import { LEGACY_LIST_POSITIONS, signEmailToken, verifyEmailToken } from "~/lib/email-tokens.server";

/** A token exactly as the position-based format made it (contact-digits[-issued].mac). */
function legacyToken(purpose: "unsubscribe" | "confirm", contactId: number, positions: string, issued?: number) {
  const body = `${contactId}-${positions}${issued === undefined ? "" : `-${Math.floor(issued / 1000).toString(36)}`}`;
  return `${body}.${sign("email-token", `${purpose}.${body}`, 27)}`;
}

/** The token module loaded against an EMAIL_LISTS in another order, with one list added. */
async function withReorderedLists() {
  vi.resetModules();
  vi.doMock("#db/enums", async (importOriginal) => {
    const original = await importOriginal<typeof Enums>();
    return { ...original, EMAIL_LISTS: ["volunteer", "events", "fundraising", "updates"] };
  });
  const reordered = await import("~/lib/email-tokens.server");
  vi.doUnmock("#db/enums");
  vi.resetModules();
  return reordered;
}

afterEach(() => {
  vi.doUnmock("#db/enums");
  vi.resetModules();
});

it("puts list names in the token, and decodes them the same whatever the order of EMAIL_LISTS", async () => {
  const token = signEmailToken("unsubscribe", { contactId: 42, lists: ["fundraising"] });
  expect(token).toMatch(/^42~fundraising\./);
  const both = signEmailToken("unsubscribe", { contactId: 42, lists: ["updates", "volunteer"] });
  const reordered = await withReorderedLists();
  // The reordered module really sees the other array: it knows a list this one does not.
  const events = reordered.signEmailToken("unsubscribe", { contactId: 1, lists: ["events" as "updates"] });
  expect(reordered.verifyEmailToken("unsubscribe", events)?.lists).toEqual(["events"]);
  expect(verifyEmailToken("unsubscribe", events)?.lists).toEqual([]);
  expect(reordered.verifyEmailToken("unsubscribe", token)).toEqual({ contactId: 42, lists: ["fundraising"] });
  expect(reordered.verifyEmailToken("unsubscribe", both)).toEqual({ contactId: 42, lists: ["updates", "volunteer"] });
  // And the other way: a link made under the new order means the same list here.
  const fromReordered = reordered.signEmailToken("unsubscribe", { contactId: 5, lists: ["volunteer"] });
  expect(verifyEmailToken("unsubscribe", fromReordered)).toEqual({ contactId: 5, lists: ["volunteer"] });
});

it("keeps position-based links already sent working with their original lists, even after a reorder", async () => {
  // Position 1 was "fundraising" when these links went out.
  const unsubscribe = legacyToken("unsubscribe", 7, "1");
  const preferences = legacyToken("unsubscribe", 7, "");
  const now = Date.now();
  const confirm = legacyToken("confirm", 9, "02", now);
  expect(verifyEmailToken("unsubscribe", unsubscribe)).toEqual({ contactId: 7, lists: ["fundraising"] });
  expect(verifyEmailToken("unsubscribe", preferences)).toEqual({ contactId: 7, lists: [] });
  expect(verifyEmailToken("confirm", confirm, now)).toEqual({
    contactId: 9,
    lists: ["updates", "volunteer"],
    issuedAt: Math.floor(now / 1000) * 1000,
  });
  const reordered = await withReorderedLists();
  expect(reordered.verifyEmailToken("unsubscribe", unsubscribe)).toEqual({ contactId: 7, lists: ["fundraising"] });
  expect(reordered.verifyEmailToken("confirm", confirm, now)?.lists).toEqual(["updates", "volunteer"]);
  expect(LEGACY_LIST_POSITIONS).toEqual(["updates", "fundraising", "volunteer"]);
  expect(Object.isFrozen(LEGACY_LIST_POSITIONS)).toBe(true);
});

it("refuses tampered tokens in either format, and old confirmations past their time", () => {
  const legacy = legacyToken("unsubscribe", 7, "1");
  expect(verifyEmailToken("unsubscribe", legacy.replace(/^7-1/, "7-0"))).toBeNull();
  expect(verifyEmailToken("confirm", legacy)).toBeNull();
  // The same body signed as the old format does not pass as the new one, and back.
  expect(verifyEmailToken("unsubscribe", legacy.replace(/^7-/, "7~"))).toBeNull();
  const current = signEmailToken("unsubscribe", { contactId: 7, lists: ["updates"] });
  expect(verifyEmailToken("unsubscribe", current.replace("~updates", "~volunteer"))).toBeNull();
  expect(verifyEmailToken("unsubscribe", current.replace("~updates", "-0"))).toBeNull();
  const longAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
  expect(verifyEmailToken("confirm", legacyToken("confirm", 9, "0", longAgo))).toBeNull();
  // A name the app no longer has is dropped rather than guessed at.
  const unknown = `3~updates_gone`;
  expect(verifyEmailToken("unsubscribe", `${unknown}.${sign("email-token", `unsubscribe.${unknown}`, 27)}`)).toEqual({
    contactId: 3,
    lists: ["updates"],
  });
});
