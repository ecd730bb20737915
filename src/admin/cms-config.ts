import { type ContentType, contentTypes } from './collections.ts';
import type { DecapCollection, DecapConfig, DecapField } from './decap-config.ts';
import { fieldsOf } from './schema-fields.ts';

/**
 * The whole Decap configuration, built from the content types and their zod schemas. It is
 * written to config.generated.json (`npm run cms:config`) and committed, so a reviewer sees what
 * changed in the CMS when a schema changes; tests/unit/cms-config.test.ts fails if the two differ.
 */

/**
 * The production backend. GitHub with OAuth through Netlify is the default; docs/cms.md shows
 * the GitLab (PKCE) alternative. The repository name is the deployment's own: change it here.
 */
export const productionBackend = {
  name: 'github',
  repo: 'ashby-and-wyre/clearshare',
  branch: 'main',
  base_url: 'https://api.netlify.com',
  auth_endpoint: 'auth',
  squash_merges: true,
  commit_messages: {
    create: 'Add {{collection}} “{{slug}}” (CMS)',
    update: 'Edit {{collection}} “{{slug}}” (CMS)',
    delete: 'Remove {{collection}} “{{slug}}” (CMS)',
    uploadMedia: 'Upload “{{path}}” (CMS)',
    deleteMedia: 'Remove “{{path}}” (CMS)',
  },
} as const;

/**
 * Every field, nested ones too, is each language's own (a title, a review status per translation):
 * Decap leaves a field without `i18n: true` out of all but the first language's file.
 */
function translated(field: DecapField): DecapField {
  return {
    ...field,
    i18n: true,
    ...(field.fields ? { fields: field.fields.map(translated) } : {}),
    ...(field.field ? { field: translated(field.field) } : {}),
  };
}

function collectionFor(type: ContentType): DecapCollection {
  const fields = fieldsOf(type.schema, type.name);
  const common = {
    name: type.name,
    label: type.label,
    label_singular: type.labelSingular,
    description: type.description,
  };
  const listing = {
    ...(type.identifierField ? { identifier_field: type.identifierField } : {}),
    ...(type.summary ? { summary: type.summary } : {}),
    ...(type.sortableFields ? { sortable_fields: type.sortableFields } : {}),
  };
  const { source } = type;
  switch (source.kind) {
    case 'markdown': {
      const body: DecapField = { name: 'body', label: source.bodyLabel, widget: 'markdown' };
      if (source.bodyHint) body.hint = source.bodyHint;
      return {
        ...common,
        folder: source.folder,
        create: true,
        extension: 'md',
        format: 'frontmatter',
        slug: '{{slug}}',
        ...(type.languages ? { i18n: true } : {}),
        ...listing,
        fields: type.languages ? [...fields, body].map(translated) : [...fields, body],
      };
    }
    case 'yaml':
      return {
        ...common,
        folder: source.folder,
        create: true,
        extension: 'yaml',
        format: 'yaml',
        slug: '{{slug}}',
        ...(type.languages ? { i18n: true } : {}),
        ...listing,
        fields: type.languages ? fields.map(translated) : fields,
      };
    case 'file':
      return {
        ...common,
        format: 'yaml',
        files: [{ name: type.name, label: source.fileLabel, file: source.file, fields }],
      };
  }
}

/** Decap needs the languages at the top level too; the translations collection names them. */
function i18nConfig(): Pick<DecapConfig, 'i18n'> {
  const languages = contentTypes.find((type) => type.languages)?.languages;
  if (!languages?.[0]) return {};
  return { i18n: { structure: 'multiple_folders', locales: [...languages], default_locale: languages[0] } };
}

export function buildCmsConfig(): DecapConfig {
  return {
    load_config_file: false,
    backend: { ...productionBackend },
    // Only used on localhost, where `npm run cms` runs decap-server against the working copy.
    local_backend: true,
    publish_mode: 'editorial_workflow',
    media_folder: 'public/media',
    public_folder: '/media',
    locale: 'en',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    ...i18nConfig(),
    collections: contentTypes.map(collectionFor),
  };
}

/** The file as committed: stable key order and a trailing newline, so diffs stay small. */
export function serialiseCmsConfig(config: DecapConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
