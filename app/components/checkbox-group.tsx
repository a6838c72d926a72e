import type { FieldMetadata } from "@conform-to/react";

/** Several checkboxes under one name (a multi-choice question), with its error next to it. */
export function CheckboxGroup({
  legend,
  field,
  options,
}: {
  legend: string;
  field: FieldMetadata<string[] | undefined>;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const initial = field.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : initial ? [String(initial)] : []);
  return (
    <fieldset className="field" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check" htmlFor={`${field.id}-${o.value}`}>
          <input
            type="checkbox"
            id={`${field.id}-${o.value}`}
            name={field.name}
            value={o.value}
            defaultChecked={checked.has(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error" role="alert">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
