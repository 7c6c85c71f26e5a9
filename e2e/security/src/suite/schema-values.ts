import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/** Values for fields by name (`departmentId` → a fixture's department), used before the schema's. */
export type Hints = Record<string, () => unknown>;

const today = () => new Date().toISOString().slice(0, 10);
/** A business time a minute ago: today (no back-dating), never in the future. */
const justNow = () => new Date(Date.now() - 60_000).toISOString();

const isNullable = (schema: JsonSchema) =>
  schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
const branchesOf = (schema: JsonSchema) =>
  (schema.anyOf ?? schema.oneOf ?? []).filter((branch) => branch.type !== 'null');

function minimalString(schema: JsonSchema): string {
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return justNow();
  if (schema.format === 'date') return today();
  if (schema.format === 'email') return 'wangwu@example.edu.cn';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.edu.cn/a';
  if (schema.pattern) {
    const [value] = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 42, numRuns: 1 });
    return value ?? '';
  }
  const min = schema.minLength ?? 1;
  return '测试文本'
    .repeat(Math.ceil(Math.max(min, 4) / 4))
    .slice(0, Math.max(min, Math.min(schema.maxLength ?? 4, 4)));
}

/**
 * The smallest valid value of a schema: required properties only, first enum values, minimal
 * lengths; `hints` fill fields by name (fixture ids), so a request reaches the check it is meant for.
 */
export function minimalValue(schema: JsonSchema, hints: Hints = {}, name = ''): unknown {
  const hint = hints[name];
  if (hint) return hint();
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((value) => value !== null);
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  const branches = branchesOf(schema);
  if (branches.length > 0) return minimalValue(branches[0] as JsonSchema, hints, name);
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) value[key] = minimalValue(property, hints, key);
      }
      return value;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 0);
      return Array.from({ length: count }, () => minimalValue(schema.items ?? {}, hints, name));
    }
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : 1;
      return typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : minimum;
    }
    case 'boolean':
      return false;
    case 'string':
      return minimalString(schema);
    default:
      return isNullable(schema) ? null : 'x';
  }
}

/** Chinese, ASCII and the odd symbol: what people really type, within the schema's lengths. */
function textArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const chars = fc.oneof(
    fc.constantFrom(...'公开信息教务处学生处投诉申请举报食堂宿舍，。、？！（）《》'.split('')),
    fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
    fc.constantFrom('*', '>', '.', "'", '"', ';', '-', '\\', '%', '_', ' ', '\n'),
  );
  return fc
    .array(chars, { minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)) })
    .map((characters) => characters.join(''));
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time')
    return fc
      .integer({ min: 0, max: 400 * 86_400 })
      .map((secondsAgo) => new Date(Date.now() - 60_000 - secondsAgo * 1000).toISOString());
  if (schema.format === 'date')
    return fc
      .integer({ min: 0, max: 400 })
      .map((daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  return textArbitrary(schema.minLength ?? 0, schema.maxLength ?? 200);
}

/**
 * Values a schema accepts (mostly: cross-field rules are the service's), and sometimes what it does
 * not (`wild`: optional fields left out or set to junk), for the property-based fuzz.
 */
export function arbitraryOf(schema: JsonSchema, hints: Hints = {}, name = ''): fc.Arbitrary<unknown> {
  const hint = hints[name];
  if (hint)
    return fc.oneof(
      fc.constant(null).map(() => hint()),
      fc.uuid(),
    );
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = branchesOf(schema);
  const nullable = isNullable(schema);
  if (branches.length > 0) {
    const options = branches.map((branch) => arbitraryOf(branch, hints, name));
    return nullable ? fc.oneof(...options, fc.constant(null)) : fc.oneof(...options);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  let value: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const model = Object.fromEntries(
        properties.map(([key, property]) => [key, arbitraryOf(property, hints, key)]),
      );
      value = fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in model) });
      break;
    }
    case 'array':
      value = fc.array(arbitraryOf(schema.items ?? {}, hints, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
      break;
    case 'integer':
      value = fc.integer({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
        max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1_000_000) : 1_000_000,
      });
      break;
    case 'number':
      value = fc.double({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
        max: typeof schema.maximum === 'number' ? schema.maximum : 1_000_000,
        noNaN: true,
      });
      break;
    case 'boolean':
      value = fc.boolean();
      break;
    case 'string':
      value = stringArbitrary(schema);
      break;
    default:
      value = fc.jsonValue({ maxDepth: 2 });
  }
  return nullable ? fc.option(value, { nil: null }) : value;
}
