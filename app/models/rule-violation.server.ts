/**
 * A business rule refused a write. Routes catch it and show `message` next to `field`
 * (or above the form when there is no field) with status 400; nothing was stored.
 */
export class RuleViolation extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "RuleViolation";
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
