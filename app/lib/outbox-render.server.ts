/**
 * Turns an outbox row into the message the provider takes: the template rendered with the PAC's
 * identity from settings and, on list mail, the unsubscribe link plus the RFC 8058 one-click
 * headers (Gmail and Yahoo require them of bulk senders) and an RFC 2919 List-Id.
 */
import type { EmailBrand } from "#emails/index";
import { isTemplateName, renderEmail, type RenderedEmail } from "#emails/render";
import type { Settings } from "~/models/settings.server";
import { signEmailToken, type EmailList } from "./email-tokens.server";
import { publicUrl } from "./public-url.server";

export interface OutboxMessageSource {
  template: string;
  propsJson: string;
  toEmail: string;
  contactId: number | null;
  list: EmailList | null;
}

export interface OutboxMessage extends RenderedEmail {
  from: string;
  to: string;
  headers: Record<string, string>;
}

// A stand-in for the recipient's token: list mail to thousands renders once per distinct
// content and only the token differs per person.
const TOKEN_SLOT = "EMAILTOKENSLOT0000";
const cache = new Map<string, RenderedMessage>();
const CACHE_LIMIT = 32;

export function brandFrom(settings: Settings): EmailBrand {
  return {
    pacName: settings.pacName,
    pacAddress: settings.pacAddress,
    pacUrl: settings.pacUrl,
    disclaimer: settings.disclaimer,
  };
}

/** The links a list email carries for its recipient. */
export function unsubscribeLinks(token: string) {
  return {
    unsubscribeUrl: publicUrl(`/unsubscribe?token=${token}`),
    oneClickUrl: publicUrl(`/unsubscribe/one-click?token=${token}`),
    preferencesUrl: publicUrl(`/preferences?token=${token}`),
  };
}

/**
 * RFC 2919 List-Id: the list's label under the sending domain, so that mail clients and filters
 * can tell the PAC's lists apart.
 */
function listIdFor(list: EmailList, settings: Settings): string {
  const address = /<([^>]+)>/.exec(settings.fromEmail)?.[1] ?? settings.fromEmail;
  const domain =
    address
      .slice(address.lastIndexOf("@") + 1)
      .trim()
      .toLowerCase() || "localhost";
  const phrase = `${settings.pacName} ${list}`.replace(/["\\\r\n]/g, "");
  return `"${phrase}" <${list}.${domain}>`;
}

/** The message as sent, with the recipient's token still a placeholder. */
export interface RenderedMessage {
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

async function renderWithSlot(source: OutboxMessageSource, settings: Settings): Promise<RenderedMessage> {
  if (!isTemplateName(source.template)) throw new Error(`Unknown email template "${source.template}"`);
  const brand = brandFrom(settings);
  const key = JSON.stringify([
    source.template,
    source.propsJson,
    source.list,
    brand,
    settings.fromEmail,
    settings.timeZone,
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const props = JSON.parse(source.propsJson);
  let rendered: RenderedMessage;
  if (source.list) {
    const links = unsubscribeLinks(TOKEN_SLOT);
    const email = await renderEmail(source.template, props, {
      brand,
      timeZone: settings.timeZone,
      unsubscribeUrl: links.unsubscribeUrl,
      preferencesUrl: links.preferencesUrl,
    });
    // Only the one-click https link (RFC 8058): a mailto: address would need a mailbox that
    // processes replies, and an unread one loses the unsubscribe.
    rendered = {
      ...email,
      from: settings.fromEmail,
      headers: {
        "List-Unsubscribe": `<${links.oneClickUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": listIdFor(source.list, settings),
      },
    };
  } else {
    rendered = {
      ...(await renderEmail(source.template, props, { brand, timeZone: settings.timeZone })),
      from: settings.fromEmail,
      headers: {},
    };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, rendered);
  return rendered;
}

/**
 * Renders a row for its first send: the message with a placeholder for the recipient's token,
 * and that token (list mail only). `fillRendered` makes the message the provider gets.
 */
export async function renderForSending(
  source: OutboxMessageSource,
  settings: Settings,
): Promise<{ message: RenderedMessage; token: string | null }> {
  const message = await renderWithSlot(source, settings);
  if (!source.list) return { message, token: null };
  if (source.contactId == null) throw new Error("List mail needs a contact for its unsubscribe link");
  return { message, token: signEmailToken("unsubscribe", { contactId: source.contactId, lists: [source.list] }) };
}

export function fillRendered(message: RenderedMessage, token: string | null, to: string): OutboxMessage {
  let { html, text, headers } = message;
  if (token) {
    html = html.replaceAll(TOKEN_SLOT, token);
    text = text.replaceAll(TOKEN_SLOT, token);
    headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll(TOKEN_SLOT, token)]));
  }
  return { from: message.from, to, subject: message.subject, html, text, headers };
}

export async function renderOutboxMessage(source: OutboxMessageSource, settings: Settings): Promise<OutboxMessage> {
  const { message, token } = await renderForSending(source, settings);
  return fillRendered(message, token, source.toEmail);
}
