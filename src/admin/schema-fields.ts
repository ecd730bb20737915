import { z } from 'zod';
import type { DecapField } from './decap-config.ts';

/**
 * Turns a content type's zod schema into Decap CMS fields, so a content type has one definition
 * (src/schemas) and the form the comms team fills in can never drift from what the build accepts.
 * Labels, hints and widget choices come from each field's `.meta()`; the rest is read from the
 * schema itself: optional/default → not required, checks → Decap's pattern/min/max, enum → select.
 */

/** A schema the generator cannot express as a Decap field, named by its path in the content type. */
export class CmsSchemaError extends Error {
  override name = 'CmsSchemaError';
  /** The field's path, e.g. "faqs.sources.url". */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

/** `.meta()` keys copied onto the Decap field as widget options. Anything else stays in the schema. */
const WIDGET_OPTIONS = [
  'hint',
  'format',
  'date_format',
  'time_format',
  'picker_utc',
  'multiple',
  'collection',
  'value_field',
  'search_fields',
  'display_fields',
  'options_length',
  'summary',
  'collapsed',
  'choose_url',
  'media_library',
  'buttons',
  'editor_components',
  'step',
] as const;

type Meta = Record<string, unknown>;
interface Unwrapped {
  inner: z.ZodType;
  optional: boolean;
  defaultValue: unknown;
  meta: Meta;
}

/** Peels optional/default/transform wrappers, merging their `.meta()` (the outermost wins). */
function unwrap(schema: z.ZodType): Unwrapped {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  let meta: Meta = {};
  for (;;) {
    meta = { ...(z.globalRegistry.get(inner) ?? {}), ...meta };
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      optional = true;
      defaultValue = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      // A transform (e.g. "2026-11-22" → Date): the file holds the input side.
      inner = inner.in as z.ZodType;
    } else {
      return { inner, optional, defaultValue, meta };
    }
  }
}

/** One of a schema's checks (.min(), .regex(), .endsWith()…), read through zod's public def. */
interface Check {
  kind: string;
  format: string | undefined;
  number(key: 'minimum' | 'maximum' | 'length'): number | undefined;
  pattern: RegExp | undefined;
  /** The message written in the schema, if any. */
  message: string | undefined;
}

function checksOf(schema: z.ZodType): Check[] {
  return (schema.def.checks ?? []).map(({ _zod: { def } }) => {
    const read = (key: string): unknown => Reflect.get(def, key);
    const error = read('error');
    const message = typeof error === 'function' ? error() : undefined;
    const pattern = read('pattern');
    const format = read('format');
    return {
      kind: def.check,
      format: typeof format === 'string' ? format : undefined,
      number: (key) => {
        const value = read(key);
        return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;
      },
      pattern: pattern instanceof RegExp ? pattern : undefined,
      message: typeof message === 'string' ? message : undefined,
    };
  });
}

/** Decap checks one pattern per field: the schema's own worded rule first, then the length. */
function stringPattern(schema: z.ZodType): [string, string] | undefined {
  const format: unknown = Reflect.get(schema.def, 'format');
  const protocol: unknown = Reflect.get(schema.def, 'protocol');
  if (format === 'url' && protocol instanceof RegExp && protocol.source === '^https$') {
    return ['^https://\\S+$', 'Enter a web address that starts with https://'];
  }
  if (format === 'email') return ['^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', 'Enter an email address, like name@example.org'];
  const checks = checksOf(schema);
  const worded = checks.find((c) => c.format !== undefined && c.pattern && c.message);
  if (worded?.pattern && worded.message) return [worded.pattern.source, worded.message];
  const min = checks.find((c) => c.kind === 'min_length')?.number('minimum');
  const max = checks.find((c) => c.kind === 'max_length')?.number('maximum');
  if (min !== undefined && max !== undefined) return [`^[\\s\\S]{${min},${max}}$`, `Write ${min} to ${max} characters`];
  if (min !== undefined) return [`^[\\s\\S]{${min},}$`, `Write at least ${min} characters`];
  if (max !== undefined) return [`^[\\s\\S]{0,${max}}$`, `Write no more than ${max} characters`];
  return undefined;
}

/** Item counts for a list or multiple select, from `.min()`, `.max()` and `.length()`. */
function countLimits(schema: z.ZodType): Pick<DecapField, 'min' | 'max'> {
  const limits: Pick<DecapField, 'min' | 'max'> = {};
  for (const check of checksOf(schema)) {
    const min = check.number('minimum');
    const max = check.number('maximum');
    const length = check.number('length');
    if (check.kind === 'min_length' && min !== undefined) limits.min = min;
    if (check.kind === 'max_length' && max !== undefined) limits.max = max;
    if (check.kind === 'length_equals' && length !== undefined) limits.min = limits.max = length;
  }
  return limits;
}

/** A plain-number bound, leaving out the ±2^53 that `.int()` implies. */
const bound = (value: number | null) =>
  value !== null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;

function pick(meta: Meta): Partial<DecapField> {
  return Object.fromEntries(WIDGET_OPTIONS.filter((key) => meta[key] !== undefined).map((key) => [key, meta[key]]));
}

/** Builds one Decap field. `inOptionalObject`: Decap would demand the children of an optional group. */
export function fieldFor(name: string, schema: z.ZodType, path: string, inOptionalObject = false): DecapField {
  const { inner, optional, defaultValue, meta } = unwrap(schema);
  const explicit = typeof meta['required'] === 'boolean' ? meta['required'] : undefined;
  const required = inOptionalObject ? false : (explicit ?? !optional);
  const hasDefault = defaultValue !== undefined && !(Array.isArray(defaultValue) && defaultValue.length === 0);
  const base: DecapField = {
    name,
    label: typeof meta['label'] === 'string' ? meta['label'] : name,
    widget: '',
    ...pick(meta),
    ...(required ? {} : { required: false }),
    ...(hasDefault ? { default: defaultValue } : {}),
  };
  const widget = typeof meta['widget'] === 'string' ? meta['widget'] : undefined;
  const here = `${path}.${name}`;

  if (widget === 'datetime') return { ...base, widget };
  if (widget === 'relation') {
    if (!meta['collection'] || !meta['value_field'] || !meta['search_fields']) {
      throw new CmsSchemaError(here, 'a relation needs collection, value_field and search_fields in .meta()');
    }
    return { ...base, widget };
  }
  if (inner.def.type === 'string') {
    const pattern = stringPattern(inner);
    return { ...base, widget: widget ?? 'string', ...(pattern ? { pattern } : {}) };
  }
  if (inner instanceof z.ZodNumber) {
    const min = bound(inner.minValue);
    const max = bound(inner.maxValue);
    return {
      ...base,
      widget: 'number',
      value_type: inner.format?.includes('int') ? 'int' : 'float',
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    };
  }
  if (inner instanceof z.ZodBoolean) return { ...base, widget: 'boolean' };
  if (inner instanceof z.ZodEnum) return { ...base, widget: 'select', options: inner.options.map(String) };
  if (inner instanceof z.ZodArray) return listField(base, inner, here);
  if (inner instanceof z.ZodObject) {
    // An optional group (e.g. a reading-age exception) starts folded, so it reads as "only if needed".
    return {
      ...base,
      widget: 'object',
      ...(required ? {} : { collapsed: true }),
      fields: fieldsOf(inner, here, !required),
    };
  }
  throw new CmsSchemaError(here, `no CMS widget for a ${inner.def.type}; give it .meta({ widget }) or map it here`);
}

function listField(base: DecapField, array: z.ZodArray, path: string): DecapField {
  const element = array.element as z.ZodType;
  const item = unwrap(element);
  const limits = countLimits(array);
  if (item.inner instanceof z.ZodEnum) {
    return { ...base, ...limits, widget: 'select', multiple: true, options: item.inner.options.map(String) };
  }
  if (item.inner instanceof z.ZodObject) {
    const fields = fieldsOf(item.inner, path);
    const first = fields[0]?.name;
    return { ...base, ...limits, widget: 'list', ...(first ? { summary: `{{fields.${first}}}` } : {}), fields };
  }
  // One box per item rather than Decap's comma-separated default: items are sentences with commas.
  const field = fieldFor('item', element, path);
  return {
    ...base,
    ...limits,
    widget: 'list',
    field: { ...field, label: field.label === 'item' ? base.label : field.label },
  };
}

/** Every field of an object schema, in the schema's order. */
export function fieldsOf(schema: z.ZodObject, path: string, inOptionalObject = false): DecapField[] {
  const fields = Object.entries(schema.shape).map(([name, child]) =>
    fieldFor(name, child as z.ZodType, path, inOptionalObject),
  );
  requireAltText(schema, fields, path);
  return fields;
}

/**
 * Every image needs alt text beside it (WCAG 1.1.1): a required string field named `alt` or
 * `<image>Alt` in the same object. A schema without one is rejected when the config is generated.
 */
function requireAltText(schema: z.ZodObject, fields: DecapField[], path: string): void {
  for (const image of fields.filter((f) => f.widget === 'image')) {
    const alt = fields.find((f) => f.name === 'alt' || f.name === `${image.name}Alt`);
    // Judged on the schema, not the Decap field: inside an optional group every field is optional in Decap.
    const altSchema = alt ? unwrap(schema.shape[alt.name] as z.ZodType) : undefined;
    if (!altSchema || altSchema.optional || altSchema.inner.def.type !== 'string') {
      throw new CmsSchemaError(`${path}.${image.name}`, 'an image needs a required alt text field (alt) beside it');
    }
  }
}
