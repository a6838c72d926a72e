/**
 * A business rule refused a write: the one way every model says no. Throwing (rather than
 * returning a failure) rolls back the surrounding `writeTransaction`, so nothing is stored
 * half-way, and the form action helper (`~/lib/intent-action.server`) shows each message next to
 * the field it names, or above the form when it names none, with status 400.
 */
export class RuleViolation extends Error {
  /** Messages by form field name; the empty name holds those about the whole form. */
  readonly errors: Readonly<Record<string, string>>;
  /**
   * 400 when the input is refused; 429 when the sender has tried too often to be heard now; 503
   * when a service the write needs is missing or unreachable.
   */
  readonly status: 400 | 429 | 503;

  constructor(message: string, field?: string, status: 400 | 429 | 503 = 400) {
    super(message);
    this.name = "RuleViolation";
    this.errors = { [field ?? ""]: message };
    this.status = status;
  }

  /** One refusal naming several fields at once, so the person can fix them all in one go. */
  static of(errors: Record<string, string>): RuleViolation {
    const entries = Object.entries(errors);
    const violation = new RuleViolation(entries.map(([, m]) => m).join(" "), entries[0]?.[0]);
    (violation as { errors: Record<string, string> }).errors = { ...errors };
    return violation;
  }

  /** Throws the refusal when `errors` holds any message. */
  static throwIfAny(errors: Record<string, string>): void {
    if (Object.keys(errors).length) throw RuleViolation.of(errors);
  }

  /** The first field named, if any. */
  get field(): string | undefined {
    return Object.keys(this.errors).find((name) => name !== "");
  }
}

/**
 * Deleting a row that other rows still point at would break the track record, so it is refused
 * with the references spelled out; archiving keeps history intact.
 */
export function refuseIfReferenced(what: string, references: Array<[count: number, noun: string]>): void {
  const held = references.filter(([n]) => n > 0).map(([n, noun]) => `${n} ${noun}`);
  if (held.length) {
    throw new RuleViolation(`${what} cannot be deleted: ${held.join(", ")} still refer to it. Archive it instead.`);
  }
}
