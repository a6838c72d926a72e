import { RateLimiter } from "~/lib/rate-limit.server";

describe("RateLimiter", () => {
  it("allows the limit within a window, refuses the next, and resets after the window", () => {
    const limiter = new RateLimiter(3, 1000);
    expect([1, 2, 3].map(() => limiter.hit("k", 0))).toEqual([true, true, true]);
    expect(limiter.isOver("k", 10)).toBe(true);
    expect(limiter.hit("k", 10)).toBe(false);
    expect(limiter.isOver("other", 10)).toBe(false);
    expect(limiter.hit("k", 1001)).toBe(true);
    expect(limiter.isOver("k", 1001)).toBe(false);
  });
});
