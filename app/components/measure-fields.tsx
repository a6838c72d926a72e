import type { FieldMetadata } from "@conform-to/react";
import { MEASURE_KINDS } from "#db/enums";
import { SelectField, TextareaField, TextField } from "~/components/field";
import { POSITION_LABELS } from "~/components/track-record";

type Fields = Record<
  "bodyId" | "title" | "summary" | "kind" | "sourceUrl" | "pacPosition" | "introducedOn",
  FieldMetadata<unknown>
>;

/** The fields of the measure form, shared by the create and edit pages. */
export function MeasureFields({ fields, bodies }: { fields: Fields; bodies: Array<{ id: number; name: string }> }) {
  return (
    <>
      <SelectField
        label="Body"
        field={fields.bodyId}
        options={[
          { value: "", label: "Choose a body" },
          ...bodies.map((b) => ({ value: String(b.id), label: b.name })),
        ]}
      />
      <TextField label="Title" field={fields.title} />
      <TextareaField label="Summary" field={fields.summary} />
      <SelectField
        label="Kind"
        field={fields.kind}
        options={MEASURE_KINDS.map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) }))}
      />
      <TextField label="Source document (link)" field={fields.sourceUrl} type="url" />
      <SelectField
        label="PAC position"
        field={fields.pacPosition}
        hint="Only measures with a position count toward alignment scores."
        options={(["support", "oppose", "none"] as const).map((p) => ({ value: p, label: POSITION_LABELS[p] }))}
      />
      <TextField label="Introduced on (optional)" field={fields.introducedOn} type="date" />
    </>
  );
}
