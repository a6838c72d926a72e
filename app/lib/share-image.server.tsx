/**
 * Share images (1200×630 PNG, the size Open Graph and Twitter cards expect), drawn locally: satori
 * lays the card out as SVG with the Inter font shipped in @fontsource/inter, and resvg renders it
 * to PNG from its prebuilt binary. Nothing is fetched from the network. Colours follow the design
 * tokens in app/styles/tokens.css.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";
import { initials } from "~/components/record-card";

const require = createRequire(import.meta.url);
let fonts: Array<{ name: string; data: Buffer; weight: 400 | 700; style: "normal" }> | null = null;
function loadFonts() {
  fonts ??= ([400, 700] as const).map((weight) => ({
    name: "Inter",
    data: fs.readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)),
    weight,
    style: "normal" as const,
  }));
  return fonts;
}

const BRAND = "#6b2fa3";
const BRAND_TINT = "#efe6f8";
const INK = "#1d1b22";
const MUTED = "#57526a";

export interface ShareCard {
  /** small line above the title, e.g. the PAC's name */
  eyebrow: string;
  title: string;
  /** up to three short lines under the title */
  lines: string[];
  /** a big figure on the right, e.g. "100%" or "5-0", with its caption */
  figure?: { value: string; caption: string };
  /** a portrait (data: URL of a JPEG or PNG) or, without one, initials in a circle */
  portrait?: { name: string; dataUrl: string | null };
}

export async function renderShareImage(card: ShareCard): Promise<Buffer> {
  const svg = await satori(
    <div
      style={{
        width: 1200,
        height: 630,
        display: "flex",
        flexDirection: "column",
        background: "#ffffff",
        fontFamily: "Inter",
        color: INK,
      }}
    >
      <div style={{ height: 24, background: BRAND, display: "flex" }} />
      <div style={{ flex: 1, display: "flex", padding: "56px 72px", gap: 48, alignItems: "center" }}>
        {card.portrait ? (
          card.portrait.dataUrl ? (
            <img
              alt=""
              src={card.portrait.dataUrl}
              width={240}
              height={240}
              style={{ borderRadius: 120, objectFit: "cover" }}
            />
          ) : (
            <div
              style={{
                width: 240,
                height: 240,
                borderRadius: 120,
                background: BRAND_TINT,
                color: BRAND,
                display: "flex",
                alignItems: "center",
                justifyContent: "center",
                fontSize: 96,
                fontWeight: 700,
              }}
            >
              {initials(card.portrait.name)}
            </div>
          )
        ) : null}
        <div style={{ flex: 1, display: "flex", flexDirection: "column", gap: 16 }}>
          <div style={{ fontSize: 28, fontWeight: 700, color: BRAND, textTransform: "uppercase", letterSpacing: 2 }}>
            {card.eyebrow}
          </div>
          <div style={{ fontSize: card.title.length > 60 ? 52 : 64, fontWeight: 700, lineHeight: 1.1 }}>
            {card.title}
          </div>
          {card.lines.slice(0, 3).map((line) => (
            <div key={line} style={{ fontSize: 30, color: MUTED }}>
              {line}
            </div>
          ))}
        </div>
        {card.figure ? (
          <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 8, minWidth: 200 }}>
            <div style={{ fontSize: 96, fontWeight: 700, color: BRAND }}>{card.figure.value}</div>
            <div style={{ fontSize: 26, color: MUTED, textAlign: "center", maxWidth: 240 }}>{card.figure.caption}</div>
          </div>
        ) : null}
      </div>
    </div>,
    { width: 1200, height: 630, fonts: loadFonts() },
  );
  return new Resvg(svg, { fitTo: { mode: "width", value: 1200 } }).render().asPng();
}
