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
        ...listing,
        fields: [...fields, body],
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
        ...listing,
        fields,
      };
    case 'file':
      return {
        ...common,
        format: 'yaml',
        files: [{ name: type.name, label: source.fileLabel, file: source.file, fields }],
      };
  }
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
    collections: contentTypes.map(collectionFor),
  };
}

/** The file as committed: stable key order and a trailing newline, so diffs stay small. */
export function serialiseCmsConfig(config: DecapConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
