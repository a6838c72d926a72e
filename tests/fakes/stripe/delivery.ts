/**
 * How the fake hands events to the app, the way Stripe's documentation says webhooks behave:
 * "Stripe doesn't guarantee the delivery of events in the order they're generated", endpoints
 * "might occasionally receive the same event more than once", and any answer other than 2xx is
 * retried later (for up to three days in live mode). The random mode does all three under a
 * seeded generator, so that a failing order can be replayed with the same seed.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export type DeliveryMode =
  /** each event is delivered when it happens, in order; a non-2xx answer is retried in the background */
  | "immediate"
  /** events wait until `flush()`/`settle()`, then arrive shuffled, some twice, some a round late */
  | "random"
  /** nothing is delivered; the test sends `fake.events` itself */
  | "manual";

export interface RandomDeliveryOptions {
  /** chance that an event is delivered a second time in the same round (default 0.25) */
  duplicateRate?: number;
  /** chance that an event is held back to a later round (default 0.25) */
  lateRate?: number;
}
