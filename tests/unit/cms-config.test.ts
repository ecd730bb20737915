import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCmsConfig, serialiseCmsConfig } from '../../src/admin/cms-config.ts';
import { contentTypes } from '../../src/admin/collections.ts';
import type { DecapCollection, DecapField } from '../../src/admin/decap-config.ts';
import { generatedConfigPath } from '../../src/admin/generate-config.ts';
import { previewTemplates } from '../../src/admin/previews/templates.ts';
import { CmsSchemaError, fieldsOf } from '../../src/admin/schema-fields.ts';

/**
 * The CMS form is generated from the schemas, so the comms team can only enter what the build
 * accepts. These tests fail when the committed config drifts from the schemas, and pin the
 * mapping rules editors depend on (dates without a time, selects for fixed lists, alt text).
 */

const root = join(import.meta.dirname, '..', '..');
const config = buildCmsConfig();

function collection(name: string): DecapCollection {
  const found = config.collections.find((c) => c.name === name);
  if (!found) throw new Error(`No CMS collection "${name}"`);
  return found;
}

function field(fields: DecapField[] | undefined, name: string): DecapField {
  const found = fields?.find((f) => f.name === name);
  if (!found) throw new Error(`No field "${name}"`);
  return found;
}

describe('the committed CMS config', () => {
  it('is what the schemas generate now (run `npm run cms:config` and commit if this fails)', () => {
    expect(readFileSync(generatedConfigPath, 'utf8')).toBe(serialiseCmsConfig(config));
  });

  it('makes every folder under content/ editable, each with a preview template', () => {
    const folders = readdirSync(join(root, 'content'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    // Page and consultation translations share content/translations/ (consultations/ within it).
    const edited = [
      ...new Set(contentTypes.map((t) => (t.source.kind === 'file' ? t.source.file : t.source.folder).split('/')[1])),
    ].sort();
    expect(edited).toEqual(folders);
    expect(Object.keys(previewTemplates).sort()).toEqual(contentTypes.map((t) => t.name).sort());
  });

  it('uses the editorial workflow, the local backend for `npm run cms`, and public/media for uploads', () => {
    expect(config).toMatchObject({
      load_config_file: false,
      publish_mode: 'editorial_workflow',
      local_backend: true,
      media_folder: 'public/media',
      public_folder: '/media',
    });
  });

  it('stores Markdown content as front matter and a body, organisations as YAML, settings as one file', () => {
    expect(collection('faqs')).toMatchObject({
      folder: 'content/faqs',
      create: true,
      extension: 'md',
      format: 'frontmatter',
    });
    expect(field(collection('faqs').fields, 'body').widget).toBe('markdown');
    expect(collection('organisations')).toMatchObject({
      folder: 'content/organisations',
      extension: 'yaml',
      format: 'yaml',
    });
    expect(collection('settings').files).toEqual([expect.objectContaining({ file: 'content/settings/site.yaml' })]);
  });
});

describe('fields generated from a schema', () => {
  const faq = collection('faqs').fields;
  const update = collection('updates').fields;

  it('gives dates a date picker that writes YYYY-MM-DD with no time', () => {
    expect(field(faq, 'lastReviewed')).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false });
    expect(field(faq, 'lastReviewed').required).toBeUndefined(); // review dates are required
    expect(field(collection('events').fields, 'start')).toMatchObject({
      widget: 'datetime',
      format: 'YYYY-MM-DDTHH:mm',
    });
  });

  it('offers fixed lists as selects, and a list of fixed values as a multiple select', () => {
    expect(field(faq, 'group')).toMatchObject({
      widget: 'select',
      options: expect.arrayContaining(['about', 'contact']),
    });
    expect(field(update, 'tags')).toMatchObject({ widget: 'select', multiple: true, required: false });
  });

  it('marks optional and defaulted fields as optional, with the default filled in', () => {
    expect(field(faq, 'order')).toMatchObject({ widget: 'number', value_type: 'int', required: false, default: 100 });
    expect(field(faq, 'question').required).toBeUndefined();
  });

  it("carries the schema's own wording into the CMS's check", () => {
    expect(field(faq, 'question').pattern).toEqual(['.*\\?$', 'End the question with a question mark']);
    expect(field(field(faq, 'sources').fields, 'url').pattern?.[1]).toBe(
      'Enter a web address that starts with https://',
    );
  });

  it('gives lists of sentences one box per item, and lists of groups their fields', () => {
    expect(field(collection('events').fields, 'accessibility')).toMatchObject({
      widget: 'list',
      min: 1,
      field: { widget: 'string' },
    });
    expect(field(faq, 'sources')).toMatchObject({ widget: 'list', summary: '{{fields.title}}' });
  });

  it('does not demand the inside of an optional group, such as a reading-age exception', () => {
    const exception = field(faq, 'readingAge');
    expect(exception).toMatchObject({ widget: 'object', required: false, collapsed: true });
    expect(exception.fields?.every((f) => f.required === false)).toBe(true);
  });

  it('links a response to updates with a relation', () => {
    expect(field(collection('responses').fields, 'relatedUpdates')).toMatchObject({
      widget: 'relation',
      collection: 'updates',
      value_field: '{{slug}}',
      multiple: true,
    });
  });

  it('refuses an image without a required alt text beside it', () => {
    const image = z.string().meta({ label: 'Photo', widget: 'image' });
    expect(() => fieldsOf(z.object({ photo: image }), 'fixture')).toThrow(CmsSchemaError);
    expect(() => fieldsOf(z.object({ photo: image, alt: z.string().optional() }), 'fixture')).toThrow(/alt text/);
    expect(fieldsOf(z.object({ photo: image, alt: z.string().min(5) }), 'fixture').map((f) => f.widget)).toEqual([
      'image',
      'string',
    ]);
  });

  it('names the field when a schema has no CMS widget', () => {
    expect(() => fieldsOf(z.object({ when: z.bigint() }), 'fixture')).toThrow(
      'fixture.when: no CMS widget for a bigint',
    );
  });
});
