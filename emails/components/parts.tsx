/** Small building blocks the templates share, so that every email looks like one family. */
import type { ReactNode } from "react";
import { Button, Heading, Text } from "@react-email/components";

export function Title({ children }: { children: ReactNode }) {
  return <Heading style={{ fontSize: "22px", lineHeight: "28px", margin: "0 0 12px" }}>{children}</Heading>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: "16px", lineHeight: "24px", margin: "0 0 12px" }}>{children}</Text>;
}

export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: "#6b2fa3",
        color: "#ffffff",
        padding: "12px 20px",
        borderRadius: "6px",
        fontWeight: 600,
        fontSize: "16px",
        textDecoration: "none",
      }}
    >
      {children}
    </Button>
  );
}

/** A label and value pair in a staff notice. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text style={{ fontSize: "15px", lineHeight: "22px", margin: "0 0 6px" }}>
      <strong>{label}:</strong> {children}
    </Text>
  );
}
