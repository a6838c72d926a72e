import { backoffDelayMs, retryAfterMs } from "~/lib/backoff";
import { RateGate } from "~/lib/rate-gate";

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    slept,
  };
}

describe("RateGate", () => {
  it("spaces requests on an absolute schedule and honours a pause", async () => {
    const t = fakeTime();
    const gate = new RateGate(4, t.now, t.sleep);
    await gate.take();
    t.advance(100); // the request itself took 100 ms of the 250 ms slot
    await gate.take();
    await gate.take();
    expect(t.slept).toEqual([150, 250]);
    gate.pauseUntil(t.now() + 2000);
    await gate.take();
    expect(t.slept.at(-1)).toBe(2000);
  });

  it("does not burst after an idle spell", async () => {
    const t = fakeTime();
    const gate = new RateGate(10, t.now, t.sleep);
    await gate.take();
    t.advance(60_000);
    await gate.take();
    await gate.take();
    expect(t.slept).toEqual([100]);
  });
});

describe("backoff", () => {
  it("doubles up to the ceiling, with jitter in the upper half", () => {
    const policy = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2000);
  });

  it("reads Retry-After as seconds or as a date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});
