/**
 * When the browser checks a form: a field is checked when the person leaves it, and a field with a
 * message is re-checked as they type, so the message clears before they click the next field; were
 * it cleared on blur, the page would shift under that click and the click would land elsewhere.
 */
export const VALIDATE_ON_BLUR = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;
