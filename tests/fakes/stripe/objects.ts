/**
 * Builders for the Stripe objects the fake serves, typed with the SDK's own types for the pinned
 * API version, so that `tsc` rejects a payload that leaves out a required field or puts a value
 * where Stripe documents null (and tests/integration/stripe-fake-conformance.test.ts checks the
 * same objects at run time against Stripe's OpenAPI schemas).
 */
import crypto from "node:crypto";
import Stripe from "stripe";

/** The API version the installed SDK is pinned to (node_modules/stripe/esm/apiVersion.js). */
export const PINNED_API_VERSION: string = Stripe.API_VERSION;

export const newId = (prefix: string) => `${prefix}_fake${crypto.randomBytes(9).toString("hex")}`;

const DAY = 86_400;

export type PaymentMethodKind = "card" | "us_bank_account";

/** Stripe's US pricing for the fake: 2.9% + 30¢ for cards, 0.8% capped at $5 for ACH debits. */
export function processingFee(amount: number, method: PaymentMethodKind): number {
  if (amount <= 0) return 0;
  const fee = method === "card" ? Math.round(amount * 0.029) + 30 : Math.min(Math.round(amount * 0.008), 500);
  return Math.min(fee, amount);
}

export function customerObject(p: { id: string; email: string | null; created: number }): Stripe.Customer {
  return {
    id: p.id,
    object: "customer",
    balance: 0,
    created: p.created,
    currency: "usd",
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: p.email,
    invoice_prefix: p.id.slice(-8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export function balanceTransactionObject(p: {
  id: string;
  amount: number;
  fee: number;
  created: number;
  type: "charge" | "payment" | "refund" | "payment_refund" | "refund_failure" | "adjustment";
  reportingCategory: "charge" | "refund" | "refund_failure" | "dispute" | "dispute_reversal";
  source: string;
  description: string | null;
  availableAfterDays?: number;
}): Stripe.BalanceTransaction {
  return {
    id: p.id,
    object: "balance_transaction",
    amount: p.amount,
    available_on: p.created + (p.availableAfterDays ?? 2) * DAY,
    balance_type: "payments",
    created: p.created,
    currency: "usd",
    description: p.description,
    exchange_rate: null,
    fee: p.fee,
    fee_details: p.fee
      ? [
          {
            amount: p.fee,
            application: null,
            currency: "usd",
            description: p.type === "adjustment" ? "Dispute fee" : "Stripe processing fees",
            type: "stripe_fee",
          },
        ]
      : [],
    net: p.amount - p.fee,
    reporting_category: p.reportingCategory,
    source: p.source,
    status: "pending",
    type: p.type,
  };
}

export function paymentIntentObject(p: {
  id: string;
  amount: number;
  created: number;
  customer: string | null;
  metadata: Record<string, string>;
  method: PaymentMethodKind;
  description?: string | null;
}): Stripe.PaymentIntent {
  return {
    id: p.id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: `${p.id}_secret_${crypto.randomBytes(6).toString("hex")}`,
    confirmation_method: "automatic",
    created: p.created,
    currency: "usd",
    customer: p.customer,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: p.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: [p.method],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

export function chargeObject(p: {
  id: string;
  amount: number;
  created: number;
  customer: string | null;
  paymentIntent: string;
  paymentMethod: string;
  method: PaymentMethodKind;
  metadata: Record<string, string>;
  email: string | null;
  status: "succeeded" | "pending" | "failed";
  failure?: { code: string; message: string } | null;
}): Stripe.Charge {
  const succeeded = p.status === "succeeded";
  const failed = p.status === "failed";
  return {
    id: p.id,
    object: "charge",
    amount: p.amount,
    amount_captured: succeeded ? p.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    // Null when the charge succeeds; Stripe fills it in later and says so with charge.updated.
    balance_transaction: null,
    billing_details: { address: null, email: p.email, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "CHAMPIONS PAC",
    captured: !failed,
    created: p.created,
    currency: "usd",
    customer: p.customer,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? (p.failure?.code ?? "card_declined") : null,
    failure_message: failed ? (p.failure?.message ?? "Your card was declined.") : null,
    fraud_details: {},
    livemode: false,
    metadata: p.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: failed ? "declined_by_network" : "approved_by_network",
      reason: failed ? "generic_decline" : null,
      risk_level: "normal",
      seller_message: failed ? "The bank did not return any further details with this decline." : "Payment complete.",
      type: failed ? "issuer_declined" : "authorized",
    },
    paid: succeeded,
    payment_intent: p.paymentIntent,
    payment_method: p.paymentMethod,
    payment_method_details:
      p.method === "card"
        ? {
            type: "card" as const,
            card: {
              amount_authorized: failed ? null : p.amount,
              authorization_code: failed ? null : "123456",
              brand: "visa",
              checks: { address_line1_check: null, address_postal_code_check: "pass", cvc_check: "pass" },
              country: "US",
              electronic_commerce_indicator: null,
              exp_month: 12,
              exp_year: 2034,
              funding: "credit",
              installments: null,
              last4: failed ? "0002" : "4242",
              mandate: null,
              network: "visa",
              network_transaction_id: null,
              regulated_status: "unregulated",
              three_d_secure: null,
              transaction_link_id: null,
              wallet: null,
            },
          }
        : {
            type: "us_bank_account",
            us_bank_account: {
              account_holder_type: "individual",
              account_type: "checking",
              bank_name: "STRIPE TEST BANK",
              fingerprint: null,
              last4: "6789",
              payment_reference: null,
              routing_number: "110000000",
            },
          },
    receipt_email: p.email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: p.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundObject(p: {
  id: string;
  amount: number;
  created: number;
  charge: Stripe.Charge;
  metadata: Record<string, string>;
  reason: Stripe.Refund.Reason | null;
  status: "pending" | "succeeded" | "failed" | "canceled" | "requires_action";
}): Stripe.Refund {
  return {
    id: p.id,
    object: "refund",
    amount: p.amount,
    balance_transaction: null,
    charge: p.charge.id,
    created: p.created,
    currency: "usd",
    customer: typeof p.charge.customer === "string" ? p.charge.customer : null,
    customer_account: null,
    destination_details: {
      type: "card",
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
    },
    metadata: p.metadata,
    payment_intent: typeof p.charge.payment_intent === "string" ? p.charge.payment_intent : null,
    payment_method: p.charge.payment_method,
    reason: p.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: p.status,
    transfer_reversal: null,
  };
}

export type DisputeStatus = Stripe.Dispute.Status;

export function disputeObject(p: {
  id: string;
  charge: Stripe.Charge;
  created: number;
  status: DisputeStatus;
  reason: string;
}): Stripe.Dispute {
  return {
    id: p.id,
    object: "dispute",
    amount: p.charge.amount,
    balance_transactions: [],
    charge: p.charge.id,
    created: p.created,
    currency: "usd",
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null,
      billing_address: null,
      cancellation_policy: null,
      cancellation_policy_disclosure: null,
      cancellation_rebuttal: null,
      customer_communication: null,
      customer_email_address: null,
      customer_name: null,
      customer_purchase_ip: null,
      customer_signature: null,
      duplicate_charge_documentation: null,
      duplicate_charge_explanation: null,
      duplicate_charge_id: null,
      enhanced_evidence: {},
      product_description: null,
      receipt: null,
      refund_policy: null,
      refund_policy_disclosure: null,
      refund_refusal_explanation: null,
      service_date: null,
      service_documentation: null,
      shipping_address: null,
      shipping_carrier: null,
      shipping_date: null,
      shipping_documentation: null,
      shipping_tracking_number: null,
      uncategorized_file: null,
      uncategorized_text: null,
    },
    evidence_details: {
      due_by: p.created + 7 * DAY,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: p.status.startsWith("warning_"),
    livemode: false,
    metadata: {},
    payment_intent: typeof p.charge.payment_intent === "string" ? p.charge.payment_intent : null,
    reason: p.reason,
    status: p.status,
  };
}

/** Decimal fields travel as strings in JSON; the SDK types them as its Decimal class. */
const decimal = (n: number) => String(n) as unknown as Stripe.Decimal;

/** The legacy `plan` that Stripe still mirrors from a recurring price on subscription items. */
function planObject(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: "usd",
    interval: "month",
    interval_count: 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

export function subscriptionItemObject(p: {
  id: string;
  subscription: string;
  price: Stripe.Price;
  created: number;
  periodStart: number;
  periodEnd: number;
}): Stripe.SubscriptionItem {
  return {
    id: p.id,
    object: "subscription_item",
    billing_thresholds: null,
    created: p.created,
    current_period_end: p.periodEnd,
    current_period_start: p.periodStart,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planObject(p.price),
    price: p.price,
    quantity: 1,
    subscription: p.subscription,
    tax_rates: [],
  };
}

export function productObject(p: {
  id: string;
  name: string;
  created: number;
  metadata: Record<string, string>;
}): Stripe.Product {
  return {
    id: p.id,
    object: "product",
    active: true,
    created: p.created,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: p.metadata,
    name: p.name,
    package_dimensions: null,
    shippable: null,
    tax_details: null,
    type: "service",
    updated: p.created,
    url: null,
  };
}

export function priceObject(p: {
  id: string;
  amount: number;
  created: number;
  product: string;
  active?: boolean;
  lookupKey?: string | null;
  metadata?: Record<string, string>;
}): Stripe.Price {
  return {
    id: p.id,
    object: "price",
    active: p.active ?? false,
    billing_scheme: "per_unit",
    created: p.created,
    currency: "usd",
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookupKey ?? null,
    metadata: p.metadata ?? {},
    nickname: null,
    product: p.product,
    recurring: { interval: "month", interval_count: 1, meter: null, trial_period_days: null, usage_type: "licensed" },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: "recurring",
    unit_amount: p.amount,
    unit_amount_decimal: decimal(p.amount),
  };
}

export function subscriptionObject(p: {
  id: string;
  customer: string;
  created: number;
  metadata: Record<string, string>;
  item: Stripe.SubscriptionItem;
}): Stripe.Subscription {
  return {
    id: p.id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: p.created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "flexible" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: p.created,
    currency: "usd",
    customer: p.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: { object: "list", data: [p.item], has_more: false, url: `/v1/subscription_items?subscription=${p.id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: p.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: p.created,
    status: "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
}

export function invoicePaymentObject(p: {
  id: string;
  invoice: string;
  amount: number;
  created: number;
  paymentIntent: string;
  status: "paid" | "open" | "canceled";
  isDefault: boolean;
}): Stripe.InvoicePayment {
  return {
    id: p.id,
    object: "invoice_payment",
    amount_paid: p.status === "paid" ? p.amount : null,
    amount_requested: p.amount,
    created: p.created,
    currency: "usd",
    invoice: p.invoice,
    is_default: p.isDefault,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: p.paymentIntent },
    status: p.status,
    status_transitions: {
      canceled_at: p.status === "canceled" ? p.created : null,
      paid_at: p.status === "paid" ? p.created : null,
    },
  };
}

export function invoiceObject(p: {
  id: string;
  customer: string;
  email: string | null;
  subscription: Stripe.Subscription;
  amount: number;
  created: number;
  billingReason: "subscription_create" | "subscription_cycle";
  payments: Stripe.InvoicePayment[];
}): Stripe.Invoice {
  const line: Stripe.InvoiceLineItem = {
    id: newId("il"),
    object: "line_item",
    amount: p.amount,
    currency: "usd",
    description: "1 × Monthly gift",
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: p.id,
    livemode: false,
    metadata: {},
    parent: {
      type: "subscription_item_details",
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: p.subscription.id,
        subscription_item: p.subscription.items.data[0].id,
      },
    },
    period: { end: p.created + 30 * DAY, start: p.created },
    pretax_credit_amounts: [],
    pricing: {
      type: "price_details",
      price_details: {
        price: p.subscription.items.data[0].price.id,
        product: String(p.subscription.items.data[0].price.product),
      },
      unit_amount_decimal: decimal(p.amount),
    },
    quantity: 1,
    quantity_decimal: decimal(1),
    subscription: p.subscription.id,
    subtotal: p.amount,
    taxes: [],
  };
  return {
    id: p.id,
    object: "invoice",
    account_country: "US",
    account_name: "Progressive Champions PAC",
    account_tax_ids: null,
    amount_due: p.amount,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_paid_off_stripe: 0,
    amount_remaining: p.amount,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: p.billingReason,
    collection_method: "charge_automatically",
    created: p.created,
    currency: "usd",
    custom_fields: null,
    customer: p.customer,
    customer_account: null,
    customer_address: null,
    customer_email: p.email,
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: p.created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: [line], has_more: false, url: `/v1/invoices/${p.id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `FAKE-${p.id.slice(-6).toUpperCase()}`,
    on_behalf_of: null,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: p.subscription.metadata, subscription: p.subscription.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: { object: "list", data: p.payments, has_more: false, url: `/v1/invoice_payments?invoice=${p.id}` },
    period_end: p.created,
    period_start: p.created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "open",
    status_transitions: { finalized_at: p.created, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: p.amount,
    subtotal_excluding_tax: p.amount,
    test_clock: null,
    total: p.amount,
    total_discount_amounts: [],
    total_excluding_tax: p.amount,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: p.created,
  };
}

export function checkoutSessionObject(p: {
  id: string;
  url: string;
  created: number;
  mode: "payment" | "subscription";
  amount: number;
  body: Record<string, any>;
}): Stripe.Checkout.Session {
  const b = p.body;
  const methodTypes: string[] = b.payment_method_types;
  return {
    id: p.id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: b.allowed_payment_method_types ?? null,
    amount_subtotal: p.amount,
    amount_total: p.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: b.cancel_url ?? null,
    client_reference_id: b.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: p.created,
    currency: "usd",
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: p.mode === "payment" ? "if_required" : "always",
    customer_details: null,
    customer_email: b.customer_email ?? null,
    discounts: [],
    expires_at: p.created + DAY,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      p.mode === "payment"
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: b.metadata ?? {},
    mode: p.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: methodTypes,
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: b.submit_type ?? null,
    subscription: null,
    success_url: b.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: p.url,
    wallet_options: null,
  };
}

export function webhookEndpointObject(p: {
  id: string;
  url: string;
  enabledEvents: string[];
  apiVersion: string | null;
  created: number;
  description: string | null;
  metadata: Record<string, string>;
}): Stripe.WebhookEndpoint {
  return {
    id: p.id,
    object: "webhook_endpoint",
    api_version: p.apiVersion,
    application: null,
    created: p.created,
    description: p.description,
    enabled_events: p.enabledEvents,
    livemode: false,
    metadata: p.metadata,
    status: "enabled",
    url: p.url,
  };
}

export function portalConfigurationObject(p: {
  id: string;
  created: number;
  isDefault: boolean;
  body: Record<string, any>;
}): Stripe.BillingPortal.Configuration {
  const config: Stripe.BillingPortal.Configuration = {
    id: p.id,
    object: "billing_portal.configuration",
    active: true,
    application: null,
    business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
    created: p.created,
    default_return_url: null,
    features: {
      customer_update: { allowed_updates: [], enabled: false },
      invoice_history: { enabled: false },
      payment_method_update: { enabled: false, payment_method_configuration: null },
      subscription_cancel: {
        cancellation_reason: { enabled: false, feedback_options: null, options: [] },
        enabled: false,
        mode: "at_period_end",
        proration_behavior: "none",
      },
      subscription_pause: { duration: { interval_options: [], type: "indefinite" }, enabled: false },
      subscription_update: {
        billing_cycle_anchor: null,
        default_allowed_updates: [],
        enabled: false,
        products: [],
        proration_behavior: "none",
        schedule_at_period_end: { conditions: [] },
        trial_update_behavior: "end_trial",
      },
    },
    is_default: p.isDefault,
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: {},
    name: null,
    updated: p.created,
  };
  return applyPortalConfiguration(config, p.body, p.created);
}

/** Applies create/update params (already parsed from the form body) onto a configuration. */
export function applyPortalConfiguration(
  config: Stripe.BillingPortal.Configuration,
  body: Record<string, any>,
  at: number,
) {
  const bool = (v: unknown, fallback: boolean) => (v === undefined ? fallback : v === true || v === "true");
  const list = (v: unknown, fallback: string[]) =>
    v === undefined ? fallback : v === "" ? [] : Object.values(v as object).map(String);
  const f = body.features ?? {};
  const c = config.features;
  if (f.customer_update) {
    c.customer_update = {
      enabled: bool(f.customer_update.enabled, c.customer_update.enabled),
      allowed_updates: list(f.customer_update.allowed_updates, c.customer_update.allowed_updates),
    };
  }
  if (f.invoice_history) c.invoice_history = { enabled: bool(f.invoice_history.enabled, c.invoice_history.enabled) };
  if (f.payment_method_update)
    c.payment_method_update = {
      ...c.payment_method_update,
      enabled: bool(f.payment_method_update.enabled, c.payment_method_update.enabled),
    };
  if (f.subscription_cancel) {
    c.subscription_cancel = {
      ...c.subscription_cancel,
      enabled: bool(f.subscription_cancel.enabled, c.subscription_cancel.enabled),
      mode: f.subscription_cancel.mode ?? c.subscription_cancel.mode,
      proration_behavior: f.subscription_cancel.proration_behavior ?? c.subscription_cancel.proration_behavior,
    };
  }
  if (f.subscription_update) {
    c.subscription_update = {
      ...c.subscription_update,
      enabled: bool(f.subscription_update.enabled, c.subscription_update.enabled),
      default_allowed_updates: list(
        f.subscription_update.default_allowed_updates,
        c.subscription_update.default_allowed_updates,
      ),
      products:
        f.subscription_update.products === undefined
          ? c.subscription_update.products
          : f.subscription_update.products === ""
            ? []
            : Object.values(f.subscription_update.products as Record<string, any>).map((x) => ({
                adjustable_quantity: {
                  enabled: bool(x.adjustable_quantity?.enabled, false),
                  maximum: x.adjustable_quantity?.maximum === undefined ? null : Number(x.adjustable_quantity.maximum),
                  minimum: x.adjustable_quantity?.minimum === undefined ? 1 : Number(x.adjustable_quantity.minimum),
                },
                prices: list(x.prices, []),
                product: String(x.product),
              })),
      proration_behavior: f.subscription_update.proration_behavior ?? c.subscription_update.proration_behavior,
    };
  }
  if (body.business_profile) {
    config.business_profile = { ...config.business_profile, ...body.business_profile };
  }
  if (body.default_return_url !== undefined) config.default_return_url = body.default_return_url || null;
  if (body.metadata !== undefined)
    config.metadata = body.metadata === "" ? {} : { ...(config.metadata ?? {}), ...body.metadata };
  if (body.name !== undefined) config.name = body.name || null;
  if (body.active !== undefined) config.active = bool(body.active, config.active);
  config.updated = at;
  return config;
}

export function eventObject(p: {
  id: string;
  type: string;
  created: number;
  apiVersion: string;
  object: Record<string, any>;
  previousAttributes?: Record<string, unknown>;
  request?: { id: string | null; idempotency_key: string | null };
}): Stripe.Event {
  const data: Record<string, unknown> = { object: p.object };
  if (p.previousAttributes) data.previous_attributes = p.previousAttributes;
  return {
    id: p.id,
    object: "event",
    api_version: p.apiVersion,
    created: p.created,
    data,
    livemode: false,
    pending_webhooks: 1,
    request: p.request ?? { id: null, idempotency_key: null },
    type: p.type,
  } as unknown as Stripe.Event;
}
