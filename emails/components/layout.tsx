/**
 * The frame every email shares: the PAC's name, its postal address and the disclaimer from
 * settings, and on list mail the unsubscribe and preferences links (required of bulk senders).
 */
import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export interface EmailBrand {
  pacName: string;
  pacAddress: string;
  pacUrl: string;
  disclaimer: string;
}

/** What the sender adds to a template's own props when it renders. */
export interface EmailFrame {
  brand: EmailBrand;
  /** The PAC's time zone (settings.timeZone): every instant in an email is shown in it. */
  timeZone: string;
  /** Set on list mail only. */
  unsubscribeUrl?: string | null;
  preferencesUrl?: string | null;
}

const body = {
  backgroundColor: "#f5f3f8",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  color: "#1d1b22",
};
const container = {
  backgroundColor: "#ffffff",
  margin: "0 auto",
  padding: "24px",
  maxWidth: "600px",
  borderRadius: "8px",
};
const header = { fontSize: "18px", fontWeight: 700, color: "#6b2fa3", margin: "0 0 16px" };
const footer = { fontSize: "12px", lineHeight: "18px", color: "#5b5766", margin: "4px 0" };

export function EmailLayout({ frame, preview, children }: { frame: EmailFrame; preview: string; children: ReactNode }) {
  const { brand, unsubscribeUrl, preferencesUrl } = frame;
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={header}>{brand.pacName}</Text>
          {children}
          <Hr style={{ borderColor: "#dcd7e4", margin: "24px 0 12px" }} />
          <Section>
            <Text style={footer}>{brand.disclaimer}</Text>
            <Text style={footer}>
              {brand.pacName} · {brand.pacAddress}
            </Text>
            {unsubscribeUrl ? (
              <Text style={footer}>
                You receive this because you subscribed to our emails. <Link href={unsubscribeUrl}>Unsubscribe</Link>
                {preferencesUrl ? (
                  <>
                    {" · "}
                    <Link href={preferencesUrl}>Email preferences</Link>
                  </>
                ) : null}
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
