/**
 * A small stand-in for the Stripe API, good enough for the official SDK: form-encoded requests,
 * Stripe's JSON shapes and error envelope, Idempotency-Key replay, and a hosted checkout page
 * where a test "pays". Paying (or refunding, disputing, canceling in the portal) sends correctly
 * signed webhook events to the app, retrying non-2xx answers like Stripe does.
 */
import http from "node:http";
import crypto from "node:crypto";
import Stripe from "stripe";

export interface FakeStripeOptions {
  port?: number;
  host?: string;
  /** where events are POSTed, e.g. http://localhost:3302/webhooks/stripe */
  webhookUrl?: string;
  webhookSecret: string;
  /** delivers an event instead of POSTing it (tests that call the route in-process); returns the status */
  deliver?: (payload: string, signature: string) => Promise<number>;
}

type Obj = Record<string, any>;

export interface FakeStripe {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every event built, in order, with the HTTP status the app answered (last attempt). */
  events: Array<{ event: Obj; payload: string; signature: string; status: number | null }>;
  requests: Array<{ method: string; path: string; body: Obj; idempotencyKey: string | null }>;
  sessions: Map<string, Obj>;
  charges: Map<string, Obj>;
  disputes: Map<string, Obj>;
  balanceTransactions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  /** Completes a session as if the donor paid; returns the success URL. */
  pay(sessionId: string): Promise<string>;
  expire(sessionId: string): Promise<void>;
  renew(subscriptionId: string): Promise<{ invoice: Obj; charge: Obj }>;
  dispute(chargeId: string, status?: "needs_response" | "won" | "lost"): Promise<Obj>;
  /** Forgets every object and event: a new, empty Stripe account. */
  reset(): void;
  /** Builds a signed event without sending it, for tests that deliver by hand. */
  signedEvent(type: string, object: Obj): { payload: string; signature: string; event: Obj };
  webhookUrl: string | undefined;
}

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_fake${crypto.randomBytes(9).toString("hex")}`;

/** Parses Stripe's bracketed form encoding (`line_items[0][price_data][unit_amount]=2500`). */
export function parseStripeForm(body: string): Obj {
  const out: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Obj = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

function stripeError(res: http.ServerResponse, status: number, message: string, param?: string) {
  res.writeHead(status, { "Content-Type": "application/json" });
  // Stripe names a missing object with code resource_missing (docs: error codes).
  res.end(JSON.stringify({ error: { type: "invalid_request_error", message, param, ...(status === 404 ? { code: "resource_missing" } : {}) } }));
}

function json(res: http.ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { "Content-Type": "application/json", "Request-Id": newId("req") });
  res.end(JSON.stringify(body));
}

function html(res: http.ServerResponse, body: string) {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head><body>${body}</body></html>`);
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const sessions = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const balanceTransactions = new Map<string, Obj>();
  const portalSessions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const refunds = new Map<string, Obj>();
  const disputes = new Map<string, Obj>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const events: FakeStripe["events"] = [];
  const requests: FakeStripe["requests"] = [];
  let base = "";

  function signedEvent(type: string, object: Obj) {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created: now(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
    return { payload, signature, event };
  }

  async function send(type: string, object: Obj) {
    const { payload, signature, event } = signedEvent(type, structuredClone(object));
    const entry = { event, payload, signature, status: null as number | null };
    events.push(entry);
    if (!options.webhookUrl && !options.deliver) return entry;
    for (let attempt = 0; attempt < 6; attempt++) {
      try {
        if (options.deliver) {
          entry.status = await options.deliver(payload, signature);
        } else {
          const res = await fetch(options.webhookUrl!, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
            body: payload,
          });
          entry.status = res.status;
          await res.text();
        }
        if (entry.status < 300) break;
      } catch {
        entry.status = null;
      }
      await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
    }
    return entry;
  }

  function makeCharge(amount: number, customer: string | null, metadata: Obj) {
    const txn = { id: newId("txn"), object: "balance_transaction", amount, created: now(), fee: Math.round(amount * 0.029) + 30, currency: "usd", type: "charge", reporting_category: "charge", source: "" };
    txn.fee = Math.min(txn.fee, amount);
    balanceTransactions.set(txn.id, { ...txn, net: amount - txn.fee });
    const pi = { id: newId("pi"), object: "payment_intent", amount, amount_received: amount, currency: "usd", status: "succeeded", customer, metadata, latest_charge: "" };
    const charge = {
      id: newId("ch"),
      object: "charge",
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      // Null on charge.succeeded in current API versions; charge.updated fills it (see chargeSettled).
      balance_transaction: null as string | null,
      pending_balance_transaction: txn.id,
      captured: true,
      created: now(),
      currency: "usd",
      customer,
      disputed: false,
      // A PaymentIntent's charge carries the intent's metadata.
      metadata,
      paid: true,
      payment_intent: pi.id,
      refunded: false,
      status: "succeeded",
    };
    pi.latest_charge = charge.id;
    balanceTransactions.get(txn.id)!.source = charge.id;
    intents.set(pi.id, pi);
    charges.set(charge.id, charge);
    return { pi, charge };
  }

  /** Stripe fills the charge's balance transaction after charge.succeeded and says so with charge.updated. */
  async function chargeSettled(charge: Obj) {
    charge.balance_transaction = charge.pending_balance_transaction;
    await send("charge.updated", charge);
  }

  async function pay(sessionId: string): Promise<string> {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No such checkout session: ${sessionId}`);
    if (session.status !== "open") return session.success_url;
    const amount = session.amount_total as number;
    const customer = { id: newId("cus"), object: "customer", email: session.customer_email };
    session.status = "complete";
    session.payment_status = "paid";
    session.customer = customer.id;
    if (session.mode === "payment") {
      const { pi, charge } = makeCharge(amount, customer.id, session.payment_intent_data?.metadata ?? {});
      session.payment_intent = pi.id;
      await send("checkout.session.completed", publicSession(session));
      await send("charge.succeeded", charge);
      await chargeSettled(charge);
    } else {
      const { pi, charge } = makeCharge(amount, customer.id, {});
      const subscription = {
        id: newId("sub"),
        object: "subscription",
        customer: customer.id,
        status: "active",
        cancel_at_period_end: false,
        canceled_at: null,
        created: now(),
        metadata: session.subscription_data?.metadata ?? {},
        items: { object: "list", data: [{ id: newId("si"), object: "subscription_item", price: { id: newId("price"), object: "price", unit_amount: amount, currency: "usd", recurring: { interval: "month" } }, quantity: 1 }] },
      };
      subscriptions.set(subscription.id, subscription);
      const invoice = makeInvoice(subscription, amount, pi.id, "subscription_create");
      session.subscription = subscription.id;
      session.invoice = invoice.id;
      await send("checkout.session.completed", publicSession(session));
      await send("invoice.paid", invoice);
      await send("charge.succeeded", charge);
      await chargeSettled(charge);
    }
    return session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id);
  }

  function makeInvoice(subscription: Obj, amount: number, paymentIntent: string, billingReason: string) {
    const invoice = {
      id: newId("in"),
      object: "invoice",
      amount_due: amount,
      amount_paid: amount,
      amount_remaining: 0,
      billing_reason: billingReason,
      created: now(),
      currency: "usd",
      customer: subscription.customer,
      status: "paid",
      status_transitions: { paid_at: now(), finalized_at: now() },
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      payments: {
        object: "list",
        data: [{ id: newId("inpay"), object: "invoice_payment", amount_paid: amount, status: "paid", payment: { type: "payment_intent", payment_intent: paymentIntent } }],
      },
    };
    invoices.set(invoice.id, invoice);
    // Like Stripe, webhooks leave out the includable `payments` list; the API serves it.
    const { payments: _payments, ...withoutPayments } = invoice;
    return withoutPayments;
  }

  function publicSession(session: Obj) {
    const { line_items: _l, payment_intent_data: _p, subscription_data: _s, ...rest } = session;
    return rest;
  }

  async function refund(body: Obj) {
    const charge = body.charge
      ? charges.get(body.charge)
      : [...charges.values()].find((c) => c.payment_intent === body.payment_intent);
    if (!charge) return null;
    const remaining = charge.amount - charge.amount_refunded;
    const amount = body.amount ? Number(body.amount) : remaining;
    if (amount <= 0 || amount > remaining) return "too_much" as const;
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const result = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: "usd",
      created: now(),
      metadata: body.metadata ?? {},
      reason: body.reason ?? null,
      status: "succeeded",
    };
    refunds.set(result.id, result);
    const txn = { id: newId("txn"), object: "balance_transaction", amount: -amount, created: result.created, fee: 0, net: -amount, currency: "usd", type: "refund", reporting_category: "refund", source: result.id };
    balanceTransactions.set(txn.id, txn);
    // Like Stripe, the webhook follows the API answer rather than preceding it.
    setTimeout(() => void send("charge.refunded", charge), 50);
    return result;
  }

  async function dispute(chargeId: string, status: "needs_response" | "won" | "lost" = "needs_response") {
    const charge = charges.get(chargeId);
    if (!charge) throw new Error(`No such charge: ${chargeId}`);
    charge.disputed = true;
    const id = charge.dispute_id ?? newId("dp");
    const movements: Obj[] = disputes.get(id)?.balance_transactions ?? [];
    const withdrawn = movements.reduce((sum, t) => sum + t.amount, 0) < 0;
    // Funds leave when the dispute opens; a won dispute brings them back.
    const move = (amount: number, fee: number) => {
      const t = { id: newId("txn"), object: "balance_transaction", amount, created: now(), fee, net: amount - fee, currency: "usd", type: "adjustment", reporting_category: amount < 0 ? "dispute" : "dispute_reversal", source: id };
      balanceTransactions.set(t.id, t);
      movements.push(t);
    };
    if (!withdrawn && status !== "won") move(-charge.amount, 1500);
    if (status === "won" && withdrawn) move(charge.amount, 0);
    const object = {
      id,
      balance_transactions: movements,
      object: "dispute",
      amount: charge.amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: "usd",
      created: now(),
      reason: "fraudulent",
      status,
    };
    charge.dispute_id = object.id;
    disputes.set(object.id, object);
    await send(status === "needs_response" ? "charge.dispute.created" : "charge.dispute.closed", object);
    return object;
  }

  /** The next monthly charge of a subscription: a new invoice, paid. */
  async function renew(subscriptionId: string) {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`No such subscription: ${subscriptionId}`);
    const amount = sub.items.data[0].price.unit_amount as number;
    const { pi, charge } = makeCharge(amount, sub.customer, {});
    const invoice = makeInvoice(sub, amount, pi.id, "subscription_cycle");
    await send("invoice.paid", invoice);
    await send("charge.succeeded", charge);
    await chargeSettled(charge);
    return { invoice, charge };
  }

  async function expire(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No such checkout session: ${sessionId}`);
    session.status = "expired";
    await send("checkout.session.expired", publicSession(session));
  }

  async function cancelSubscription(id: string) {
    const sub = subscriptions.get(id);
    if (!sub) return null;
    if (sub.status !== "canceled") {
      sub.status = "canceled";
      sub.canceled_at = now();
      await send("customer.subscription.deleted", sub);
    }
    return sub;
  }

  async function api(method: string, path: string, body: Obj, res: http.ServerResponse) {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const item = body.line_items?.[0];
      const unit = Number(item?.price_data?.unit_amount);
      if (!Number.isInteger(unit) || unit <= 0) return stripeError(res, 400, "Invalid integer: unit_amount", "line_items[0][price_data][unit_amount]");
      if (!["payment", "subscription"].includes(body.mode)) return stripeError(res, 400, "Invalid mode", "mode");
      if (!body.success_url) return stripeError(res, 400, "Missing required param: success_url.", "success_url");
      const id = newId("cs_test").replace("cs_test_fake", "cs_test_");
      const session = {
        id,
        object: "checkout.session",
        amount_subtotal: unit * Number(item.quantity ?? 1),
        amount_total: unit * Number(item.quantity ?? 1),
        cancel_url: body.cancel_url ?? null,
        client_reference_id: body.client_reference_id ?? null,
        created: now(),
        currency: "usd",
        customer: null,
        customer_email: body.customer_email ?? null,
        expires_at: now() + 86_400,
        invoice: null,
        livemode: false,
        metadata: body.metadata ?? {},
        mode: body.mode,
        payment_intent: null,
        payment_status: "unpaid",
        status: "open",
        submit_type: body.submit_type ?? null,
        subscription: null,
        success_url: body.success_url,
        url: `${base}/checkout/${id}`,
        line_items: body.line_items,
        payment_intent_data: body.payment_intent_data,
        subscription_data: body.subscription_data,
      };
      sessions.set(id, session);
      return json(res, publicSession(session));
    }
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const s = sessions.get(m[1]);
      return s ? json(res, publicSession(s)) : stripeError(res, 404, `No such checkout.session: '${m[1]}'`, "id");
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = subscriptions.get(m[1]);
      if (!sub) return stripeError(res, 404, `No such subscription: '${m[1]}'`, "id");
      if (method === "GET") return json(res, sub);
      if (method === "DELETE") return json(res, await cancelSubscription(sub.id));
      if (method === "POST") {
        if (body.metadata) sub.metadata = { ...sub.metadata, ...body.metadata };
        if (body.cancel_at_period_end !== undefined) sub.cancel_at_period_end = body.cancel_at_period_end === "true";
        await send("customer.subscription.updated", sub);
        return json(res, sub);
      }
    }
    if (method === "POST" && path === "/v1/refunds") {
      const result = await refund(body);
      if (result === null) return stripeError(res, 404, "No such charge", "charge");
      if (result === "too_much") return stripeError(res, 400, "Refund amount is greater than the unrefunded amount", "amount");
      return json(res, result);
    }
    if (method === "GET" && (m = /^\/v1\/charges\/([^/]+)$/.exec(path))) {
      const c = charges.get(m[1]);
      return c ? json(res, c) : stripeError(res, 404, `No such charge: '${m[1]}'`, "id");
    }
    if (method === "GET" && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const pi = intents.get(m[1]);
      if (!pi) return stripeError(res, 404, `No such payment_intent: '${m[1]}'`, "id");
      const expands = Object.entries(body).filter(([k]) => k.startsWith("expand")).map(([, v]) => String(v));
      if (!expands.some((e) => e.startsWith("latest_charge"))) return json(res, pi);
      const charge = charges.get(pi.latest_charge);
      const withTxn = expands.includes("latest_charge.balance_transaction") && charge?.balance_transaction;
      return json(res, { ...pi, latest_charge: charge ? { ...charge, balance_transaction: withTxn ? balanceTransactions.get(charge.balance_transaction) : charge.balance_transaction } : null });
    }
    if (method === "GET" && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const r = refunds.get(m[1]);
      return r ? json(res, r) : stripeError(res, 404, `No such refund: '${m[1]}'`, "id");
    }
    if (method === "GET" && path === "/v1/balance_transactions") {
      // Newest first, like Stripe; created[gte] and starting_after page through them.
      const gte = Number(body["created[gte]"] ?? 0);
      const limit = Math.min(100, Number(body.limit ?? 10));
      const all = [...balanceTransactions.values()].filter((t) => t.created >= gte).reverse();
      const start = body.starting_after ? all.findIndex((t) => t.id === body.starting_after) + 1 : 0;
      const data = all.slice(start, start + limit);
      return json(res, { object: "list", url: "/v1/balance_transactions", has_more: start + limit < all.length, data });
    }
    if (method === "GET" && path === "/v1/refunds") {
      const data = [...refunds.values()].filter((r) => !body.charge || r.charge === body.charge);
      return json(res, { object: "list", url: "/v1/refunds", has_more: false, data });
    }
    if (method === "GET" && (m = /^\/v1\/disputes\/([^/]+)$/.exec(path))) {
      const d = disputes.get(m[1]);
      return d ? json(res, d) : stripeError(res, 404, `No such dispute: '${m[1]}'`, "id");
    }
    if (method === "GET" && (m = /^\/v1\/invoices\/([^/]+)$/.exec(path))) {
      const inv = invoices.get(m[1]);
      if (!inv) return stripeError(res, 404, `No such invoice: '${m[1]}'`, "id");
      const { payments: _p, ...rest } = inv;
      return json(res, rest);
    }
    if (method === "GET" && path === "/v1/invoice_payments" && body["payment[payment_intent]"]) {
      const pi = body["payment[payment_intent]"];
      const data = [...invoices.values()].flatMap((inv) => inv.payments.data.filter((p: Obj) => p.payment.payment_intent === pi).map((p: Obj) => ({ ...p, invoice: inv.id })));
      return json(res, { object: "list", url: "/v1/invoice_payments", has_more: false, data });
    }
    if (method === "GET" && path === "/v1/invoice_payments") {
      const invoice = invoices.get(String(body.invoice ?? ""));
      return json(res, { object: "list", url: "/v1/invoice_payments", has_more: false, data: invoice ? invoice.payments.data.map((p: Obj) => ({ ...p, invoice: invoice.id })) : [] });
    }
    if (method === "GET" && (m = /^\/v1\/balance_transactions\/([^/]+)$/.exec(path))) {
      const t = balanceTransactions.get(m[1]);
      return t ? json(res, t) : stripeError(res, 404, `No such balance transaction: '${m[1]}'`, "id");
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!body.customer) return stripeError(res, 400, "Missing required param: customer.", "customer");
      const id = newId("bps");
      const portal = { id, object: "billing_portal.session", created: now(), customer: body.customer, livemode: false, return_url: body.return_url ?? null, url: `${base}/portal/${id}` };
      portalSessions.set(id, portal);
      return json(res, portal);
    }
    return stripeError(res, 404, `Unrecognized request URL (${method}: ${path}).`);
  }

  async function pages(method: string, path: string, res: http.ServerResponse) {
    let m: RegExpExecArray | null;
    if ((m = /^\/checkout\/([^/]+)$/.exec(path)) && method === "GET") {
      const s = sessions.get(m[1]);
      if (!s) return stripeError(res, 404, "No such session");
      const dollars = (s.amount_total / 100).toFixed(2);
      return html(
        res,
        `<main><h1>Fake Stripe Checkout</h1><p>Pay $${dollars}${s.mode === "subscription" ? " per month" : ""} to ${escapeHtml(String(s.line_items?.[0]?.price_data?.product_data?.name ?? ""))}</p>
        <p>Email: ${escapeHtml(String(s.customer_email ?? ""))}</p>
        <form method="post" action="/checkout/${s.id}/pay"><button type="submit">Pay $${dollars}</button></form>
        ${s.cancel_url ? `<p><a href="${escapeHtml(s.cancel_url)}">Cancel and go back</a></p>` : ""}</main>`,
      );
    }
    if ((m = /^\/checkout\/([^/]+)\/pay$/.exec(path)) && method === "POST") {
      const target = await pay(m[1]);
      res.writeHead(303, { Location: target });
      return res.end();
    }
    if ((m = /^\/portal\/([^/]+)$/.exec(path)) && method === "GET") {
      const p = portalSessions.get(m[1]);
      if (!p) return stripeError(res, 404, "No such portal session");
      const subs = [...subscriptions.values()].filter((s) => s.customer === p.customer);
      return html(
        res,
        `<main><h1>Fake billing portal</h1><ul>${subs
          .map(
            (s) =>
              `<li>$${(s.items.data[0].price.unit_amount / 100).toFixed(2)} per month, ${s.status}${
                s.status === "canceled" ? "" : `<form method="post" action="/portal/${p.id}/cancel/${s.id}"><button type="submit">Cancel plan</button></form>`
              }</li>`,
          )
          .join("")}</ul>${p.return_url ? `<a href="${escapeHtml(p.return_url)}">Return</a>` : ""}</main>`,
      );
    }
    if ((m = /^\/portal\/([^/]+)\/cancel\/([^/]+)$/.exec(path)) && method === "POST") {
      const p = portalSessions.get(m[1]);
      await cancelSubscription(m[2]);
      res.writeHead(303, { Location: `/portal/${p?.id ?? m[1]}` });
      return res.end();
    }
    return stripeError(res, 404, "Not found");
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    try {
      if (!url.pathname.startsWith("/v1/")) return await pages(method, url.pathname, res);
      if (!/^Bearer sk_/.test(String(req.headers.authorization ?? ""))) {
        res.writeHead(401, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided" } }));
      }
      const body = method === "GET" ? Object.fromEntries(url.searchParams) : parseStripeForm(raw);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method, path: url.pathname, body, idempotencyKey: key });
      const cacheKey = key ? `${method} ${url.pathname} ${key}` : null;
      const cached = cacheKey ? idempotent.get(cacheKey) : undefined;
      if (cached) {
        res.writeHead(cached.status, { "Content-Type": "application/json", "Idempotent-Replayed": "true" });
        return res.end(cached.body);
      }
      if (cacheKey) {
        // Remember what we answer so a replay with the same key gets the same object.
        const end = res.end.bind(res);
        res.end = ((chunk?: unknown) => {
          if (typeof chunk === "string") idempotent.set(cacheKey, { status: res.statusCode, body: chunk });
          return end(chunk as string);
        }) as typeof res.end;
      }
      return await api(method, url.pathname, body, res);
    } catch (error) {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    }
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as { port: number }).port;
  base = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;

  return {
    url: base,
    port,
    events,
    requests,
    sessions,
    charges,
    disputes,
    balanceTransactions,
    subscriptions,
    pay,
    expire,
    renew,
    dispute,
    signedEvent,
    reset() {
      for (const map of [sessions, charges, intents, subscriptions, balanceTransactions, portalSessions, invoices, refunds, disputes, idempotent]) map.clear();
      events.length = 0;
      requests.length = 0;
    },
    webhookUrl: options.webhookUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
