/** The action helper: parse errors and a model's RuleViolation come back placed on the form's fields. */
import { z } from "zod";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";

const schema = z.object({
  intent: z.literal("gift"),
  amount: z.string({ required_error: "Enter the amount." }),
  otherAmount: z.string().optional(),
  confirm: z.literal("on").optional(),
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function reply(res: Response) {
  return {
    status: res.status,
    body: (await res.json()) as { intent: string; result: { error: Record<string, string[]> } },
  };
}

describe("handleIntent", () => {
  it("answers a parse error with 400 and the message on its field", async () => {
    const { status, body } = await reply(
      await handleIntent(
        form({ intent: "gift" }),
        schema,
        () => 1,
        () => new Response("done"),
      ),
    );
    expect(status).toBe(400);
    expect(body.intent).toBe("gift");
    expect(body.result.error).toEqual({ amount: ["Enter the amount."] });
  });

  it("places each field a RuleViolation names next to that field, even an unticked checkbox, and the rest above the form", async () => {
    const refuse = () => {
      throw RuleViolation.of({
        amount: "Too much.",
        confirm: "Confirm it.",
        somewhereElse: "Not on this form.",
        "": "Whole form.",
      });
    };
    const { status, body } = await reply(
      await handleIntent(form({ intent: "gift", amount: "5" }), schema, refuse, () => new Response()),
    );
    expect(status).toBe(400);
    expect(body.result.error).toEqual({
      amount: ["Too much."],
      confirm: ["Confirm it."],
      "": ["Not on this form.", "Whole form."],
    });
  });

  it("shows a model's field on the form field that carries it, and keeps a 503 refusal's status", async () => {
    const refuse = async () => {
      throw new RuleViolation("Over the limit.", "amount");
    };
    const moved = await reply(
      await handleIntent(
        form({ intent: "gift", amount: "", otherAmount: "9000" }),
        schema.extend({ amount: z.string().optional() }),
        refuse,
        () => new Response(),
        {
          fieldFor: (field, value) => (field === "amount" && value.otherAmount ? "otherAmount" : field),
        },
      ),
    );
    expect(moved.body.result.error).toEqual({ otherAmount: ["Over the limit."] });
    const unavailable = await handleIntent(
      form({ intent: "gift", amount: "5" }),
      schema,
      () => {
        throw new RuleViolation("Payments are not configured.", undefined, 503);
      },
      () => new Response(),
    );
    expect(unavailable.status).toBe(503);
  });

  it("rethrows anything that is not a RuleViolation (a bug is a 500, not a message)", async () => {
    await expect(
      handleIntent(
        form({ intent: "gift", amount: "5" }),
        schema,
        () => {
          throw new TypeError("bug");
        },
        () => new Response(),
      ),
    ).rejects.toThrow(TypeError);
  });

  it("answers with done() when the write succeeds", async () => {
    const res = await handleIntent(
      form({ intent: "gift", amount: "5" }),
      schema,
      (v) => Number(v.amount) * 100,
      (cents) => new Response(String(cents)),
    );
    expect(await res.text()).toBe("500");
  });
});
