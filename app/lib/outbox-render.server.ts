/**
 * Turns an outbox row into the message the provider takes: the template rendered with the PAC's
 * identity from settings and, on list mail, the unsubscribe link plus the RFC 8058 one-click
 * headers (Gmail and Yahoo require them of bulk senders).
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
const cache = new Map<string, RenderedEmail & { headers: Record<string, string> }>();
const CACHE_LIMIT = 32;

export function brandFrom(settings: Settings): EmailBrand {
  return { pacName: settings.pacName, pacAddress: settings.pacAddress, pacUrl: settings.pacUrl, disclaimer: settings.disclaimer };
}

/** The links a list email carries for its recipient. */
export function unsubscribeLinks(token: string) {
  return {
    unsubscribeUrl: publicUrl(`/unsubscribe?token=${token}`),
    oneClickUrl: publicUrl(`/unsubscribe/one-click?token=${token}`),
    preferencesUrl: publicUrl(`/preferences?token=${token}`),
  };
}

function mailtoFor(fromEmail: string): string | null {
  const address = /<([^>]+)>/.exec(fromEmail)?.[1] ?? fromEmail;
  return address.includes("@") ? `mailto:${address.trim()}?subject=unsubscribe` : null;
}

async function renderWithSlot(source: OutboxMessageSource, settings: Settings) {
  if (!isTemplateName(source.template)) throw new Error(`Unknown email template "${source.template}"`);
  const brand = brandFrom(settings);
  const key = JSON.stringify([source.template, source.propsJson, source.list, brand, settings.fromEmail]);
  const hit = cache.get(key);
  if (hit) return hit;
  const props = JSON.parse(source.propsJson);
  let rendered: RenderedEmail & { headers: Record<string, string> };
  if (source.list) {
    const links = unsubscribeLinks(TOKEN_SLOT);
    const email = await renderEmail(source.template, props, {
      brand,
      unsubscribeUrl: links.unsubscribeUrl,
      preferencesUrl: links.preferencesUrl,
    });
    const mailto = mailtoFor(settings.fromEmail);
    rendered = {
      ...email,
      headers: {
        "List-Unsubscribe": `<${links.oneClickUrl}>${mailto ? `, <${mailto}>` : ""}`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    };
  } else {
    rendered = { ...(await renderEmail(source.template, props, { brand })), headers: {} };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, rendered);
  return rendered;
}

export async function renderOutboxMessage(source: OutboxMessageSource, settings: Settings): Promise<OutboxMessage> {
  const rendered = await renderWithSlot(source, settings);
  let { html, text, headers } = rendered;
  if (source.list) {
    if (source.contactId == null) throw new Error("List mail needs a contact for its unsubscribe link");
    const token = signEmailToken("unsubscribe", { contactId: source.contactId, lists: [source.list] });
    html = html.replaceAll(TOKEN_SLOT, token);
    text = text.replaceAll(TOKEN_SLOT, token);
    headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll(TOKEN_SLOT, token)]));
  }
  return { from: settings.fromEmail, to: source.toEmail, subject: rendered.subject, html, text, headers };
}
