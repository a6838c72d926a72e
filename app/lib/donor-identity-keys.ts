/**
 * Normalised keys for telling whether two gifts come from the same person. Case, spacing and
 * punctuation never make two people; common street abbreviations (the USPS forms of Publication
 * 28, Appendix C1 and C2) and ZIP+4 versus ZIP5 neither.
 */

/** Suffixes and unit designators written out or abbreviated, mapped to one form (USPS Pub. 28, C1/C2). */
const STREET_WORDS: Record<string, string> = {
  street: "st",
  str: "st",
  avenue: "ave",
  av: "ave",
  avn: "ave",
  road: "rd",
  drive: "dr",
  boulevard: "blvd",
  lane: "ln",
  court: "ct",
  place: "pl",
  circle: "cir",
  parkway: "pkwy",
  highway: "hwy",
  terrace: "ter",
  trail: "trl",
  square: "sq",
  loop: "loop",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  apartment: "apt",
  unit: "apt",
  suite: "ste",
  building: "bldg",
  floor: "fl",
};

/** Lower case, accents dropped, punctuation to spaces, one space between words. */
export function simplify(value: string | null | undefined): string {
  return (value ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/#/g, " apt ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function streetKey(street: string | null | undefined): string {
  const words = simplify(street)
    .split(" ")
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w);
  // "Apt # 4" and "# 4" both come out as "apt apt 4" or "apt 4": one designator is enough.
  return words.filter((w, i) => !(w === "apt" && words[i + 1] === "apt")).join(" ");
}

/** The first five digits of a ZIP code, or "" when it has none. */
export function zip5(zip: string | null | undefined): string {
  const digits = (zip ?? "").replace(/\D/g, "");
  return digits.length >= 5 ? digits.slice(0, 5) : "";
}

export interface PersonDetails {
  firstName: string | null | undefined;
  lastName: string | null | undefined;
  email?: string | null;
  street?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
}

export interface IdentityKeys {
  firstKey: string;
  lastKey: string;
  /** first and last name together: the indexed part of a match */
  nameKey: string;
  streetKey: string;
  zip5: string;
  cityKey: string;
  stateKey: string;
  /** street and ZIP5 (or city and state when there is no ZIP); "" when there is no street */
  addressKey: string;
  emailNormalized: string | null;
}

export function identityKeys(p: PersonDetails): IdentityKeys {
  const firstKey = simplify(p.firstName);
  const lastKey = simplify(p.lastName);
  const street = streetKey(p.street);
  const zip = zip5(p.zip);
  const cityKey = simplify(p.city);
  const stateKey = simplify(p.state);
  const addressKey = street ? (zip ? `${street}|${zip}` : `${street}|${cityKey}|${stateKey}`) : "";
  const email = p.email?.trim().toLowerCase() || null;
  return {
    firstKey,
    lastKey,
    nameKey: `${firstKey}|${lastKey}`,
    streetKey: street,
    zip5: zip,
    cityKey,
    stateKey,
    addressKey,
    emailNormalized: email,
  };
}

/** Common short forms of first names (both directions are checked). */
const NICKNAMES: Record<string, string[]> = {
  robert: ["bob", "rob", "bobby", "robbie"],
  william: ["bill", "will", "billy", "willie"],
  richard: ["dick", "rick", "rich"],
  elizabeth: ["liz", "beth", "betty", "eliza", "lisa"],
  margaret: ["peggy", "maggie", "meg"],
  katherine: ["kate", "kathy", "katie"],
  catherine: ["cathy", "kate", "katie"],
  james: ["jim", "jimmy", "jamie"],
  john: ["jack", "johnny"],
  joseph: ["joe", "joey"],
  jose: ["pepe"],
  francisco: ["paco", "pancho", "frank"],
  guadalupe: ["lupe"],
  dolores: ["lola"],
  michael: ["mike"],
  charles: ["chuck", "charlie"],
  edward: ["ed", "eddie", "ted"],
  patricia: ["pat", "patty", "trish"],
  patrick: ["pat"],
  thomas: ["tom", "tommy"],
  anthony: ["tony"],
  jennifer: ["jen", "jenny"],
  susan: ["sue", "susie"],
  deborah: ["deb", "debbie"],
  theresa: ["terry", "tess"],
};

/**
 * Two first names that could be one person writing differently: an initial ("J" and "Jane"),
 * a shortening ("Chris" and "Christine"), a middle name or initial added ("Ann" and "Ann M"), or a
 * common nickname ("Bob" and "Robert"). "John" and "Jane" are not: two people, e.g. spouses.
 */
export function firstNamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = [a.split(" ")[0] ?? "", b.split(" ")[0] ?? ""];
  if (!x || !y) return false;
  if (x === y) return true;
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  if (x.length >= 3 && y.length >= 3 && (x.startsWith(y) || y.startsWith(x))) return true;
  return (NICKNAMES[x]?.includes(y) ?? false) || (NICKNAMES[y]?.includes(x) ?? false);
}

/** The house number: the first word when it starts with a digit. */
function houseNumber(street: string): string {
  const first = street.split(" ")[0] ?? "";
  return /^\d/.test(first) ? first : "";
}

/** The street without its unit ("apt 4", "ste 200"). */
function withoutUnit(street: string): string {
  return street.replace(/ (apt|ste|bldg|fl) \S+$/, "").trim();
}

export type AddressComparison = "same" | "close" | "different" | "unknown";

/**
 * Whether two addresses are the same place ("same": same street and ZIP5, or same street, city and
 * state), probably the same place written differently ("close": a unit added or left out, a ZIP
 * typo within the same city, a misspelt street at the same house number and ZIP), or not.
 */
export function compareAddresses(a: IdentityKeys, b: IdentityKeys): AddressComparison {
  if (!a.streetKey || !b.streetKey) return "unknown";
  const sameZip = a.zip5 && b.zip5 ? a.zip5 === b.zip5 : null;
  const sameCity = a.cityKey === b.cityKey && a.stateKey === b.stateKey && a.cityKey !== "";
  const samePlace = sameZip ?? sameCity;
  if (a.streetKey === b.streetKey && samePlace) return "same";
  if (a.streetKey === b.streetKey && sameCity) return "close";
  const number = houseNumber(a.streetKey);
  if (samePlace && withoutUnit(a.streetKey) === withoutUnit(b.streetKey)) return "close";
  if (samePlace && number && number === houseNumber(b.streetKey) && editDistance(a.streetKey, b.streetKey) <= 3)
    return "close";
  return "different";
}

/** Levenshtein distance, for short strings (street lines). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
