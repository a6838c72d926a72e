/**
 * Checks a JSON object against the excerpt of Stripe's OpenAPI schemas in
 * tests/fixtures/stripe-openapi-schemas.json: required properties present, null only where the
 * spec says `nullable`, enum values and primitive types as published, nested objects and lists
 * checked when their schema is in the excerpt. Properties the excerpt does not know (newer than
 * the vendored spec) are not judged.
 */
import fixture from "../fixtures/stripe-openapi-schemas.json";

interface Property {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  ref?: string;
  anyOf?: string[];
  list?: string;
  items?: { ref: string };
}
interface Schema {
  required: string[];
  properties: Record<string, Property>;
}

export const schemas = fixture.schemas as unknown as Record<string, Schema>;
export const schemaSource = fixture.source;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number";
    case "string":
      return typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    default:
      return true;
  }
}

/** Returns the problems found (empty when the object conforms). */
export function checkSchema(value: unknown, schemaName: string, path: string = schemaName): string[] {
  const schema = schemas[schemaName];
  if (!schema) throw new Error(`No schema ${schemaName} in the excerpt`);
  if (!isObject(value)) return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  for (const name of schema.required) if (!(name in value)) problems.push(`${path}.${name}: required but missing`);
  for (const [name, v] of Object.entries(value)) {
    const prop = schema.properties[name];
    if (!prop) continue;
    problems.push(...checkProperty(v, prop, `${path}.${name}`));
  }
  return problems;
}

function checkProperty(v: unknown, prop: Property, path: string): string[] {
  if (v === null) return prop.nullable ? [] : [`${path}: null but not nullable`];
  if (v === undefined) return [`${path}: undefined`];
  if (prop.enum && !prop.enum.includes(v))
    return [`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(prop.enum)}`];
  if (prop.type && !typeMatches(prop.type, v)) return [`${path}: expected ${prop.type}, got ${JSON.stringify(v)}`];
  if (prop.type === "array" && prop.items?.ref && schemas[prop.items.ref]) {
    return (v as unknown[]).flatMap((item, i) => checkSchema(item, prop.items!.ref, `${path}[${i}]`));
  }
  if (prop.ref) {
    if (!isObject(v)) return [`${path}: expected a ${prop.ref} object`];
    return schemas[prop.ref] ? checkSchema(v, prop.ref, path) : [];
  }
  if (prop.anyOf) {
    if (typeof v === "string")
      return prop.anyOf.includes("string") ? [] : [`${path}: an id string is not allowed here`];
    if (!isObject(v)) return [`${path}: expected an id or an expanded object`];
    const refs = prop.anyOf.filter((x) => x.startsWith("#")).map((x) => x.slice(1));
    const match = refs.find((r) => r === v.object) ?? (refs.length === 1 ? refs[0] : undefined);
    if (!match) return [`${path}: object ${String(v.object)} is none of ${refs.join(", ")}`];
    return schemas[match] ? checkSchema(v, match, path) : [];
  }
  if (prop.list) {
    if (
      !isObject(v) ||
      v.object !== "list" ||
      !Array.isArray(v.data) ||
      typeof v.has_more !== "boolean" ||
      typeof v.url !== "string"
    ) {
      return [`${path}: expected a list object`];
    }
    const item = prop.list;
    return schemas[item] ? (v.data as unknown[]).flatMap((x, i) => checkSchema(x, item, `${path}.data[${i}]`)) : [];
  }
  return [];
}
