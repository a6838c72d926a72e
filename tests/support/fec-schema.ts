/**
 * The FEC's published JSON schemas (tests/fixtures/fecfile-validate, see the README there) loaded
 * into a JSON-schema validator. The schemas declare draft-07 under an https URL that the validator
 * does not know by that name; the draft is the same, so the declaration is left out when compiling.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";

const DIR = path.resolve("tests/fixtures/fecfile-validate");

export type FecSchemaName = "INDIVIDUAL_RECEIPT" | "IN_KIND_RECEIPT" | "INDIVIDUAL_REFUNDS" | "HDR" | "SchA" | "SchB";

export function loadFecSchema(name: FecSchemaName): Record<string, unknown> & {
  properties: Record<string, { fec_spec?: { COL_SEQ?: number } }>;
} {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), "utf8"));
}

const ajv = new Ajv({ allErrors: true });
const validators = new Map<FecSchemaName, Ajv.ValidateFunction>();

/** The schema's errors for `value` (empty when it validates). */
export function fecSchemaErrors(name: FecSchemaName, value: unknown): string[] {
  let validate = validators.get(name);
  if (!validate) {
    const { $schema: _draft, ...schema } = loadFecSchema(name);
    validate = ajv.compile(schema);
    validators.set(name, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath || "(row)"} ${e.message}`);
}

/** The .fec column order a layout schema (SchA.json, SchB.json) gives by COL_SEQ. */
export function columnOrder(name: "SchA" | "SchB"): string[] {
  return Object.entries(loadFecSchema(name).properties)
    .filter(([, p]) => p.fec_spec?.COL_SEQ != null)
    .sort(([, a], [, b]) => a.fec_spec!.COL_SEQ! - b.fec_spec!.COL_SEQ!)
    .map(([key]) => key);
}
