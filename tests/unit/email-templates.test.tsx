/**
 * Every template renders with its demo props, inside the shared layout, and its plain-text
 * version holds no HTML. The snapshots show a reviewer each email's text as a recipient reads it.
 */
import { EMAILS } from "#emails/index";
import { renderEmail } from "#emails/render";
import { TEMPLATE_NAMES } from "#emails/template-names";

const brand = {
  pacName: "Champions PAC",
  pacAddress: "PO Box 1234, Las Cruces, NM 88004",
  pacUrl: "https://champions.example.org",
  disclaimer:
    "Paid for by Champions PAC (PO Box 1234, Las Cruces, NM 88004). Not authorized by any candidate or candidate's committee.",
};

describe.each(TEMPLATE_NAMES.map((name) => ({ name })))("$name", ({ name }) => {
  it("renders HTML with the PAC's identity and a plain-text version without HTML", async () => {
    const email = await renderEmail(name, EMAILS[name].previewProps, { brand });
    expect(email.subject.length).toBeGreaterThan(3);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain("Not authorized by any candidate");
    expect(email.html).toContain(brand.pacAddress);
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(email.text).toContain("Not authorized by any candidate");
    expect(email.html).not.toContain("Unsubscribe");
    expect({ subject: email.subject, text: email.text }).toMatchSnapshot();
  });
});

it("list mail carries the unsubscribe and preferences links in both versions", async () => {
  const email = await renderEmail("impact-update", EMAILS["impact-update"].previewProps, {
    brand,
    unsubscribeUrl: "https://champions.example.org/unsubscribe?token=t1",
    preferencesUrl: "https://champions.example.org/preferences?token=t1",
  });
  expect(email.html).toContain('href="https://champions.example.org/unsubscribe?token=t1"');
  expect(email.text).toContain("https://champions.example.org/unsubscribe?token=t1");
  expect(email.text).toContain("https://champions.example.org/preferences?token=t1");
});

it("escapes what people typed into a staff notice", async () => {
  const props = { ...EMAILS["tip-staff-notice"].previewProps, text: "<script>alert(1)</script> & more" };
  const email = await renderEmail("tip-staff-notice", props, { brand });
  expect(email.html).not.toContain("<script>");
  expect(email.html).toContain("&lt;script&gt;");
});
