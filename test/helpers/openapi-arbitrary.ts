import fc, { type Arbitrary } from 'fast-check';

/** The part of JSON Schema that the server's TypeBox schemas use (no $ref in its OpenAPI document). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const word = fc.constantFrom('Sumy', 'Оксана', 'Шевченко', 'Poltava', 'Мар’яна', 'Kovalenko', 'Ірпінь');

/** Values the schema accepts (as far as fast-check's generators reach: patterns are sampled from the regex). */
export function validValue(schema: JsonSchema, depth = 0): Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const record: Record<string, Arbitrary<unknown>> = {};
      for (const [key, value] of props) record[key] = validValue(value, depth + 1);
      const requiredKeys = props.map(([k]) => k).filter((k) => required.has(k));
      return fc.record(record, { requiredKeys });
    }
    case 'array':
      return fc.array(schema.items ? validValue(schema.items, depth + 1) : fc.string(), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string': {
      if (schema.format === 'rfc3339-instant') return instant;
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'person-name') return word;
      if (schema.pattern && schema.pattern !== '\\S') return fc.stringMatching(new RegExp(schema.pattern));
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
      return fc.oneof(word, fc.string({ minLength: Math.max(min, 1), maxLength: max })).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity) && /\S/.test(s));
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.constant(null);
  }
}

/** What an attacker or a broken client sends in place of a value. */
export const hostileValue: Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    -0,
    '',
    ' ',
    '\u0000',
    '\u202Eevil',
    '\uD800',
    '\u001b[31mred',
    '\u200B\u200B',
    '2022-13-45T99:99:99Z',
    '2022-02-30T10:00:00Z',
    '2022-03-08T09:00:60+02:00',
    '2022-03-08T24:00:00Z',
    '+99:99',
    '1990-13-45',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    "'; drop table people; --",
    { type: 'LineString', coordinates: [[200, 100]] },
    { type: 'Polygon', coordinates: [] },
    { type: 'LineString', coordinates: 'x' },
    [[[[[[]]]]]],
    {},
    [],
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer().map((n) => 'x'.repeat(Math.abs(n) % 3 === 0 ? 100_000 : 5_000)),
  fc.double(),
);

/**
 * A body built from the schema and then broken one way: a field of the wrong kind, a required
 * field missing, an extra field, or the whole body replaced.
 */
export function brokenValue(schema: JsonSchema): Arbitrary<unknown> {
  const props = Object.keys(schema.properties ?? {});
  const base = validValue(schema) as Arbitrary<Record<string, unknown>>;
  if (schema.type !== 'object' || props.length === 0) return hostileValue;
  return fc.oneof(
    fc.tuple(base, fc.constantFrom(...props), hostileValue).map(([body, key, value]) => ({ ...body, [key]: value })),
    fc.tuple(base, fc.constantFrom(...(schema.required?.length ? schema.required : props))).map(([body, key]) => {
      const copy = { ...body };
      delete copy[key];
      return copy;
    }),
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([body, key, value]) => ({ ...body, [`x${key}`]: value })),
    hostileValue,
  );
}
