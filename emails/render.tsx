/**
 * Renders one email to what the provider takes: subject, HTML and a plain-text version.
 */
import { createElement, type ComponentType } from "react";
import { render } from "@react-email/render";
import { EMAILS } from "./index";
import { TEMPLATE_NAMES, type TemplateName } from "./template-names";
import type { TemplateProps } from "./props";
import type { EmailFrame } from "./components/layout";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export async function renderEmail<T extends TemplateName>(
  template: T,
  props: TemplateProps[T],
  frame: EmailFrame,
): Promise<RenderedEmail> {
  const definition = EMAILS[template];
  if (!definition) throw new Error(`Unknown email template "${template}"`);
  const Component = definition.Component as unknown as ComponentType<Record<string, unknown>>;
  const element = createElement(Component, { ...props, ...frame });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: definition.subject(props, frame.brand.pacName), html, text };
}
