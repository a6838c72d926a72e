/** Structured logs carry the request id; a server error's stack goes to the log, not the visitor. */
import { handleError, logRequest, requestIdFor, setLogWriter } from "~/lib/request-log.server";
import { securityHeaders } from "~/lib/security-headers.server";

function capture(run: () => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const previous = setLogWriter((line) => lines.push(line));
  try {
    run();
  } finally {
    setLogWriter(previous);
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("request logs", () => {
  it("writes one JSON line per request with its id, and errors with their stack and the same id", () => {
    const [line] = capture(() =>
      logRequest({
        requestId: "req-12345678",
        method: "POST",
        path: "/tips",
        status: 302,
        durationMs: 12.345,
        ip: "10.0.0.1",
      }),
    );
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      requestId: "req-12345678",
      method: "POST",
      path: "/tips",
      status: 302,
      durationMs: 12.3,
    });
    const request = new Request("http://localhost/admin/settings", { method: "POST" });
    const [error] = capture(() =>
      handleError(new Error("disk I/O error"), {
        request,
        params: {},
        context: { clientIp: "x", requestId: "req-12345678" },
      }),
    );
    expect(error).toMatchObject({
      level: "error",
      msg: "disk I/O error",
      requestId: "req-12345678",
      path: "/admin/settings",
    });
    expect(String(error.stack)).toContain("request-log.test.ts");
  });

  it("takes a proxy's request id only when a proxy is trusted and the id is well-formed", () => {
    expect(requestIdFor("abcdefgh-1234", true)).toBe("abcdefgh-1234");
    expect(requestIdFor("abcdefgh-1234", false)).not.toBe("abcdefgh-1234");
    expect(requestIdFor("bad id\nwith newline", true)).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe("security headers", () => {
  it("send HSTS only in production and put the nonce in the script policy", () => {
    const prod = securityHeaders("abc123", { production: true });
    expect(prod["Strict-Transport-Security"]).toMatch(/max-age=31536000/);
    expect(prod["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(prod["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(prod["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(securityHeaders("abc123", { production: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
