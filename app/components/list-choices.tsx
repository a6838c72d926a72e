/** The email lists as a group of checkboxes, with one error message for the group. */
export interface ListChoice {
  list: string;
  label: string;
  checked: boolean;
}

export function ListChoices({
  name,
  legend,
  choices,
  errors,
  errorId,
}: {
  name: string;
  legend: string;
  choices: ListChoice[];
  errors?: string[];
  errorId: string;
}) {
  return (
    <fieldset
      className="field"
      aria-describedby={errors?.length ? errorId : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.list} className="check">
          <input type="checkbox" name={name} value={c.list} defaultChecked={c.checked} />
          <span>{c.label}</span>
        </label>
      ))}
      {errors?.length ? (
        <p id={errorId} className="field-error" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
