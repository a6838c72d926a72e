import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";

type InputType = Parameters<typeof getInputProps>[1]["type"];

interface FieldProps {
  label: string;
  hint?: string;
  field: FieldMetadata<unknown>;
}

function Errors({ field }: { field: FieldMetadata<unknown> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error" role="alert">
      {field.errors.join(" ")}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={id} className="hint">
      {hint}
    </p>
  ) : null;
}

/** A labelled input whose error sits next to it and is announced (aria-describedby). */
export function TextField({
  label,
  hint,
  field,
  type = "text",
  autoComplete,
}: FieldProps & { type?: InputType; autoComplete?: string }) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field as FieldMetadata<string>, {
    type: type as "text",
    ariaDescribedBy: hint ? hintId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input {...props} key={props.key} autoComplete={autoComplete} />
      <Errors field={field} />
    </div>
  );
}

export function TextareaField({ label, hint, field, rows = 4 }: FieldProps & { rows?: number }) {
  const hintId = `${field.id}-hint`;
  const props = getTextareaProps(field as FieldMetadata<string>, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea {...props} key={props.key} rows={rows} />
      <Errors field={field} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  field,
  options,
}: FieldProps & { options: ReadonlyArray<{ value: string; label: string }> }) {
  const hintId = `${field.id}-hint`;
  const props = getSelectProps(field as FieldMetadata<string>, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors field={field} />
    </div>
  );
}

export function CheckboxField({ label, hint, field }: FieldProps) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field as FieldMetadata<boolean>, {
    type: "checkbox",
    ariaDescribedBy: hint ? hintId : undefined,
  });
  return (
    <div className="field">
      <label className="check" htmlFor={field.id}>
        <input {...props} key={props.key} />
        <span>{label}</span>
      </label>
      <Hint id={hintId} hint={hint} />
      <Errors field={field} />
    </div>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/** Bots fill every field; people never see this one. */
export function Honeypot() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="website-url">Leave this empty</label>
      <input id="website-url" name="website_url" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
