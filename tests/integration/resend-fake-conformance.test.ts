/**
 * The fake Resend server against Resend's own published definition, so that the sender's tests
 * test against the world and not against our assumptions:
 * - the `resend` SDK (its request options, its ErrorResponse names, its webhook verification);
 * - resend/resend-openapi: the schemas the fake answers with, vendored in
 *   tests/fixtures/resend-openapi-subset.json (source commit noted in the file);
 * - Resend's error reference (https://resend.com/docs/api-reference/errors) for status codes, and
 *   its idempotency docs (https://resend.com/docs/dashboard/emails/idempotency-keys: keys of up to
 *   256 characters, kept 24 hours).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Resend, type CreateEmailOptions } from "resend";
import { RESEND_ERRORS, signSvix, startFakeResend, type FakeResend } from "../fakes/resend-server";

type Schema = Record<string, unknown>;
const spec = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/resend-openapi-subset.json"), "utf8")) as {
  source: string;
  components: { schemas: Record<string, Schema> };
};

/** Checks a value against the JSON Schema subset the OpenAPI document uses; returns the problems. */
function validate(value: unknown, schema: Schema, at = "$"): string[] {
  if (typeof schema.$ref === "string")
    return validate(value, spec.components.schemas[schema.$ref.split("/").pop()!], at);
  const problems: string[] = [];
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) problems.push(...validate(value, s, at));
  if (Array.isArray(schema.oneOf)) {
    const matches = (schema.oneOf as Schema[]).filter((s) => validate(value, s, at).length === 0).length;
    if (matches !== 1) problems.push(`${at}: matches ${matches} of oneOf`);
  }
  if ("const" in schema && value !== schema.const) problems.push(`${at}: expected ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${at}: ${String(value)} not in enum`);
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") problems.push(`${at}: expected a string`);
      else if (schema.format === "date-time" && Number.isNaN(Date.parse(value)))
        problems.push(`${at}: not a date-time`);
      break;
    case "array":
      if (!Array.isArray(value)) problems.push(`${at}: expected an array`);
      else {
        if (typeof schema.minItems === "number" && value.length < schema.minItems)
          problems.push(`${at}: too few items`);
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
          problems.push(`${at}: too many items`);
        if (schema.items) value.forEach((v, i) => problems.push(...validate(v, schema.items as Schema, `${at}[${i}]`)));
      }
      break;
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`${at}: expected an object`);
        break;
      }
      const obj = value as Record<string, unknown>;
      for (const key of (schema.required as string[] | undefined) ?? [])
        if (!(key in obj)) problems.push(`${at}.${key}: required`);
      for (const [key, sub] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        if (key in obj) problems.push(...validate(obj[key], sub, `${at}.${key}`));
      }
      break;
    }
  }
  return problems;
}

/** The error names the installed SDK declares (its RESEND_ERROR_CODE_KEY union). */
function sdkErrorNames(): string[] {
  const require = createRequire(import.meta.url);
  const types = fs.readFileSync(path.join(path.dirname(require.resolve("resend")), "index.d.mts"), "utf8");
  const union = /type RESEND_ERROR_CODE_KEY = ([^;]+);/.exec(types)![1];
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

const SECRET = `whsec_${Buffer.from("conformance-test-webhook-secret!").toString("base64")}`;
let fake: FakeResend;
let hook: http.Server;
let received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/resend`;
  fake = await startFakeResend({ webhook: { url, secret: SECRET } });
});
afterAll(async () => {
  await fake.close();
  await new Promise((r) => hook.close(r));
});
beforeEach(() => {
  fake.reset();
  received = [];
});

const client = (key = "re_conformance") => new Resend(key, { baseUrl: fake.url });
const email = (over: Partial<CreateEmailOptions> = {}) =>
  ({
    from: "Champions PAC <hello@example.org>",
    to: "ana@example.org",
    subject: "Hello",
    html: "<p>Hi</p>",
    text: "Hi",
    ...over,
  }) as CreateEmailOptions;

describe("the vendored OpenAPI subset", () => {
  it("names its source and holds the schemas the fake answers with", () => {
    expect(spec.source).toMatch(/^https:\/\/github\.com\/resend\/resend-openapi\/blob\/[0-9a-f]{40}\/resend\.yaml$/);
    for (const name of [
      "SendEmailRequest",
      "SendEmailResponse",
      "CreateBatchEmailsResponse",
      "EmailBouncedEvent",
      "EmailSuppressedEvent",
      "EmailFailedEvent",
    ]) {
      expect(spec.components.schemas[name], name).toBeTruthy();
    }
  });

  it("validates: a wrong event is caught", () => {
    expect(
      validate(
        { type: "email.bounced", created_at: "x", data: {} },
        { $ref: "#/components/schemas/EmailBouncedEvent" },
      ),
    ).not.toEqual([]);
  });
});

describe("errors", () => {
  it("uses exactly the SDK's error names, with the documented statuses", () => {
    const names = sdkErrorNames();
    expect(names.length).toBeGreaterThan(15);
    for (const e of Object.values(RESEND_ERRORS)) expect(names, e.name).toContain(e.name);
    for (const name of names)
      expect(
        Object.values(RESEND_ERRORS).map((e) => e.name),
        name,
      ).toContain(name);
    expect(RESEND_ERRORS.missing_api_key.status).toBe(401);
    expect(RESEND_ERRORS.restricted_api_key.status).toBe(401);
    expect(RESEND_ERRORS.invalid_api_key.status).toBe(403);
    expect(RESEND_ERRORS.unverified_domain).toMatchObject({ status: 403, name: "validation_error" });
    expect(RESEND_ERRORS.invalid_idempotency_key.status).toBe(400);
    expect(RESEND_ERRORS.invalid_idempotent_request.status).toBe(409);
    expect(RESEND_ERRORS.concurrent_idempotent_requests.status).toBe(409);
    for (const n of ["invalid_from_address", "missing_required_field", "invalid_attachment"] as const)
      expect(RESEND_ERRORS[n].status).toBe(422);
    for (const n of ["daily_quota_exceeded", "monthly_quota_exceeded", "rate_limit_exceeded"] as const)
      expect(RESEND_ERRORS[n].status).toBe(429);
  });

  it("answers a bad key, a bad sender, an unverified domain and bad addresses as Resend does, through the SDK", async () => {
    fake.configure({ invalidKeys: ["re_revoked"] });
    expect((await client("re_revoked").emails.send(email())).error).toMatchObject({
      statusCode: 403,
      name: "invalid_api_key",
    });
    const noAuth = await fetch(`${fake.url}/emails`, { method: "POST", body: JSON.stringify(email()) });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect((await client().emails.send(email({ from: "hello@" }))).error).toMatchObject({
      statusCode: 422,
      name: "invalid_from_address",
    });
    expect((await client().emails.send(email({ from: "Champions PAC hello@example.org" }))).error).toMatchObject({
      statusCode: 422,
      name: "invalid_from_address",
    });
    for (const to of ["ana@gmail.com,", "ana", "ana@gmail", "a b@example.org", "<ana@example.org"]) {
      expect((await client().emails.send(email({ to }))).error, to).toMatchObject({
        statusCode: 422,
        name: "validation_error",
      });
    }
    expect((await client().emails.send(email({ to: "Ana Diaz <ana@example.org>" }))).error).toBeNull();
    expect(
      (await client().emails.send({ from: "hello@example.org", subject: "x", html: "y" } as CreateEmailOptions)).error,
    ).toMatchObject({ statusCode: 422, name: "missing_required_field" });
    fake.configure({ verifiedDomains: ["champions.example"] });
    const unverified = await client().emails.send(email());
    expect(unverified.error).toMatchObject({ statusCode: 403, name: "validation_error" });
    expect(unverified.error!.message).toMatch(/example\.org domain is not verified/);
  });

  it("limits the rate with 429 rate_limit_exceeded and a retry-after header", async () => {
    fake.configure({ rateLimitPerSecond: 2 });
    const results = await Promise.all([1, 2, 3].map(() => client().emails.send(email())));
    const limited = results.find((r) => r.error)!;
    expect(limited.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(Number(limited.headers!["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.headers!["ratelimit-remaining"]).toBe("0");
  });

  it("counts daily and monthly quotas", async () => {
    fake.configure({ dailyQuota: 1 });
    expect((await client().emails.send(email())).error).toBeNull();
    expect((await client().emails.send(email())).error).toMatchObject({
      statusCode: 429,
      name: "daily_quota_exceeded",
    });
    fake.configure({ dailyQuota: null, monthlyQuota: 1 });
    expect((await client().emails.send(email())).error).toMatchObject({
      statusCode: 429,
      name: "monthly_quota_exceeded",
    });
  });
});

describe("responses", () => {
  it("answers a send with the SendEmailResponse schema", async () => {
    const { data, error } = await client().emails.send(email());
    expect(error).toBeNull();
    expect(validate(data, { $ref: "#/components/schemas/SendEmailResponse" })).toEqual([]);
    expect(validate(email(), { $ref: "#/components/schemas/SendEmailRequest" })).toEqual([]);
  });

  it("rejects a whole batch in strict mode (the SDK's default) for one bad email", async () => {
    const { data, error } = await client().batch.send([email(), email({ to: "ana@gmail.com," }), email()]);
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(fake.emails).toHaveLength(0);
  });

  it("sends the valid emails of a permissive batch and names the others by index", async () => {
    const { data, error } = await client().batch.send(
      [email(), email({ to: "ana@gmail.com," }), email({ to: "bo@example.org" })],
      { batchValidation: "permissive" },
    );
    expect(error).toBeNull();
    expect(validate(data, { $ref: "#/components/schemas/CreateBatchEmailsResponse" })).toEqual([]);
    expect(data!.data).toHaveLength(2);
    expect(data!.errors).toEqual([{ index: 1, message: expect.stringMatching(/Invalid `to` field/) }]);
    expect(fake.emails.map((e) => e.to[0])).toEqual(["ana@example.org", "bo@example.org"]);
  });

  it("refuses more than 100 emails in a batch", async () => {
    const { error } = await client().batch.send(Array.from({ length: 101 }, () => email()));
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
  });
});

describe("idempotency keys", () => {
  it("answer the first response again for the same body, for 24 hours, and 409 for another body", async () => {
    const first = await client().emails.send(email(), { idempotencyKey: "receipt/1" });
    const again = await client().emails.send(email(), { idempotencyKey: "receipt/1" });
    expect(again.data).toEqual(first.data);
    expect(fake.emails).toHaveLength(1);
    const other = await client().emails.send(email({ subject: "Changed" }), { idempotencyKey: "receipt/1" });
    expect(other.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    fake.advance(24 * 60 * 60_000);
    const later = await client().emails.send(email(), { idempotencyKey: "receipt/1" });
    expect(later.data!.id).not.toBe(first.data!.id);
    expect(fake.emails).toHaveLength(2);
  });

  it("cover batches too, and hold at most 256 characters", async () => {
    const a = await client().batch.send([email()], { idempotencyKey: "batch/1" });
    const b = await client().batch.send([email()], { idempotencyKey: "batch/1" });
    expect(b.data).toEqual(a.data);
    expect(fake.emails).toHaveLength(1);
    expect((await client().emails.send(email(), { idempotencyKey: "k".repeat(256) })).error).toBeNull();
    expect((await client().emails.send(email(), { idempotencyKey: "k".repeat(257) })).error).toMatchObject({
      statusCode: 400,
      name: "invalid_idempotency_key",
    });
  });

  it("answer 409 concurrent_idempotent_requests while the first request with the key is in progress", async () => {
    const slow = await startFakeResend({ latencyMs: 150 });
    try {
      const c = new Resend("re_x", { baseUrl: slow.url });
      const [a, b] = await Promise.all([
        c.emails.send(email(), { idempotencyKey: "same" }),
        c.emails.send(email(), { idempotencyKey: "same" }),
      ]);
      expect([a.error?.name, b.error?.name].sort()).toEqual(["concurrent_idempotent_requests", undefined]);
      expect(slow.emails).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

describe("webhook events", () => {
  it("signs every event with Svix headers the SDK verifies, and each payload matches its schema", async () => {
    const sent = await client().batch.send(
      [
        email({ to: "delivered@resend.dev" }),
        email({ to: "bounced@resend.dev" }),
        email({ to: "complained+appeal@resend.dev" }),
        email({ to: "bo@example.org" }),
      ],
      { batchValidation: "permissive" },
    );
    expect(sent.error).toBeNull();
    // The bounced address is now on the account's suppression list: the next email is suppressed.
    await client().emails.send(email({ to: "bounced@resend.dev" }));
    await fake.emit("email.failed", fake.emails[3].id);
    await fake.emit("email.delivery_delayed", fake.emails[3].id);
    await fake.settled();
    const verifier = client();
    const events = received.map((r) => {
      const headers = {
        id: String(r.headers["svix-id"]),
        timestamp: String(r.headers["svix-timestamp"]),
        signature: String(r.headers["svix-signature"]),
      };
      expect(headers.signature).toBe(signSvix(SECRET, headers.id, Number(headers.timestamp), r.body));
      return verifier.webhooks.verify({ payload: r.body, headers, webhookSecret: SECRET }) as unknown as {
        type: string;
        data: Record<string, unknown>;
      };
    });
    const types = events.map((e) => e.type);
    for (const t of [
      "email.sent",
      "email.delivered",
      "email.bounced",
      "email.complained",
      "email.suppressed",
      "email.failed",
      "email.delivery_delayed",
      "suppression.added",
    ]) {
      expect(types, t).toContain(t);
    }
    const schemaFor: Record<string, string> = {
      "email.sent": "EmailSentEvent",
      "email.delivered": "EmailDeliveredEvent",
      "email.delivery_delayed": "EmailDeliveryDelayedEvent",
      "email.bounced": "EmailBouncedEvent",
      "email.complained": "EmailComplainedEvent",
      "email.failed": "EmailFailedEvent",
      "email.suppressed": "EmailSuppressedEvent",
    };
    for (const event of events) {
      if (event.type === "suppression.added") {
        // Not in the OpenAPI document; the SDK's SuppressionAddedEvent type shapes it (checked by tsc in the fake).
        expect(Object.keys(event.data).sort()).toEqual(["created_at", "email", "id", "origin", "source_id"]);
        continue;
      }
      expect(validate(event, { $ref: `#/components/schemas/${schemaFor[event.type]}` }), event.type).toEqual([]);
    }
    const suppressed = events.find((e) => e.type === "email.suppressed")!;
    expect(suppressed.data.to).toEqual(["bounced@resend.dev"]);
  });
});
