import { Form } from "@remix-run/react";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { FormErrors, TextareaField, TextField } from "~/components/field";
import { updateFormSchema } from "~/lib/update-form";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

interface Option {
  id: number;
  label: string;
}

function CheckboxGroup({
  legend,
  name,
  options,
  selected,
}: {
  legend: string;
  name: string;
  options: Option[];
  selected: number[];
}) {
  if (options.length === 0) return null;
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id} className="check">
          <input type="checkbox" name={name} value={o.id} defaultChecked={selected.includes(o.id)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function UpdateForm({
  lastResult,
  defaultValue,
  options,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: {
    title: string;
    summary: string;
    bodyMarkdown: string;
    candidateIds: number[];
    measureIds: number[];
    tagIds: number[];
  };
  options: { candidates: Option[]; measures: Option[]; tags: Option[] };
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(updateFormSchema),
    defaultValue: defaultValue
      ? { ...defaultValue, candidateIds: undefined, measureIds: undefined, tagIds: undefined }
      : undefined,
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateFormSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormErrors errors={form.errors} id={form.errorId} />
      <TextField label="Title" field={fields.title} />
      <TextareaField
        label="Summary"
        field={fields.summary}
        rows={3}
        hint="Shown in lists, the feed and the email preview."
      />
      <TextareaField
        label="Update (Markdown)"
        field={fields.bodyMarkdown}
        rows={14}
        hint="**bold**, _italic_, [links](https://…), lists with 1. or -"
      />
      <CheckboxGroup
        legend="Candidates it is about"
        name="candidateIds"
        options={options.candidates}
        selected={defaultValue?.candidateIds ?? []}
      />
      <CheckboxGroup
        legend="Measures it cites"
        name="measureIds"
        options={options.measures}
        selected={defaultValue?.measureIds ?? []}
      />
      <CheckboxGroup legend="Issues" name="tagIds" options={options.tags} selected={defaultValue?.tagIds ?? []} />
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
