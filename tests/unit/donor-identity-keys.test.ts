/**
 * The normalisation donor matching relies on: what must not make two people (case, spacing,
 * punctuation, street abbreviations of USPS Publication 28, ZIP+4) and what must.
 */
import { compareAddresses, firstNamesCompatible, identityKeys, streetKey, zip5 } from "~/lib/donor-identity-keys";

const at = (street: string, zip = "88001", city = "Las Cruces", state = "NM") =>
  identityKeys({ firstName: "A", lastName: "B", street, zip, city, state });

describe("donor identity keys", () => {
  it.each([
    ["2 Oak Street", "2 oak st"],
    ["2  OAK  St.", "2 oak st"],
    ["200 E. Griggs Avenue, Apt. 4", "200 e griggs ave apt 4"],
    ["200 East Griggs Ave #4", "200 e griggs ave apt 4"],
    ["200 E Griggs Ave Apt # 4", "200 e griggs ave apt 4"],
    ["12 North Main Boulevard Suite 100", "12 n main blvd ste 100"],
    ["1 Calle Señora", "1 calle senora"],
  ])("writes %j as %j", (raw, key) => expect(streetKey(raw)).toBe(key));

  it("keeps the first five digits of a ZIP code", () => {
    expect(zip5("88001-1234")).toBe("88001");
    expect(zip5("880011234")).toBe("88001");
    expect(zip5("8800")).toBe("");
  });

  it("gives one name key whatever the case, spacing or punctuation", () => {
    const a = identityKeys({ firstName: " Dolores ", lastName: "HUERTA" });
    const b = identityKeys({ firstName: "dolores", lastName: "Huerta." });
    expect(a.nameKey).toBe(b.nameKey);
    expect(identityKeys({ firstName: "Jane", lastName: "Smith" }).nameKey).not.toBe(a.nameKey);
  });

  it("tells the same address, a near miss and another address apart", () => {
    expect(compareAddresses(at("2 Oak Street"), at("2 oak st.", "88001-4321"))).toBe("same");
    expect(compareAddresses(at("2 Oak St"), at("2 Oak St Apt 3"))).toBe("close");
    expect(compareAddresses(at("2 Oak St"), at("2 Oka St"))).toBe("close");
    expect(compareAddresses(at("2 Oak St"), at("2 Oak St", "88005"))).toBe("close");
    expect(compareAddresses(at("2 Oak St"), at("77 Elm Rd"))).toBe("different");
    expect(compareAddresses(at("2 Oak St"), at("2 Oak St", "10001", "New York", "NY"))).toBe("different");
    expect(compareAddresses(at("2 Oak St"), at(""))).toBe("unknown");
  });

  it("sees initials, shortenings and nicknames as one first name, and spouses as two", () => {
    for (const [a, b] of [
      ["robert", "bob"],
      ["j", "jane"],
      ["chris", "christine"],
      ["ann m", "ann"],
    ])
      expect(firstNamesCompatible(a, b), `${a} / ${b}`).toBe(true);
    for (const [a, b] of [
      ["john", "jane"],
      ["maria", "mario"],
      ["al", "ed"],
    ])
      expect(firstNamesCompatible(a, b), `${a} / ${b}`).toBe(false);
  });
});
