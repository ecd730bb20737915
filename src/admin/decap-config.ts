/**
 * The part of Decap CMS's configuration this project writes, typed narrowly so the generator and
 * its tests do not depend on Decap's own (loose, Immutable-based) types.
 * Reference: https://decapcms.org/docs/configuration-options/ and /docs/widgets/.
 */

/** One field in an entry form. Widget options beyond these are passed through from `.meta()`. */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  /** Decap checks non-empty values against this, showing the message beside the field. */
  pattern?: [string, string];
  /** select */
  options?: string[];
  multiple?: boolean;
  /** number, and list/select item counts */
  min?: number;
  max?: number;
  value_type?: 'int' | 'float';
  /** datetime */
  format?: string;
  date_format?: string | boolean;
  time_format?: string | boolean;
  /** object and list */
  fields?: DecapField[];
  field?: DecapField;
  summary?: string;
  collapsed?: boolean;
  [option: string]: unknown;
}

/** A folder collection (one file per entry) or a file collection (named single files). */
export interface DecapCollection {
  name: string;
  label: string;
  label_singular?: string;
  description?: string;
  folder?: string;
  create?: boolean;
  extension?: string;
  format?: string;
  slug?: string;
  identifier_field?: string;
  summary?: string;
  sortable_fields?: string[];
  preview_path?: string;
  fields?: DecapField[];
  files?: { name: string; label: string; file: string; fields: DecapField[] }[];
  [option: string]: unknown;
}

/** The whole configuration handed to `CMS.init({ config })`. */
export interface DecapConfig {
  load_config_file: false;
  backend: Record<string, unknown>;
  local_backend: boolean | { url: string };
  publish_mode: 'editorial_workflow' | 'simple';
  media_folder: string;
  public_folder: string;
  site_url?: string;
  display_url?: string;
  logo_url?: string;
  locale?: string;
  slug?: Record<string, unknown>;
  /** Side-by-side translation editing, for the collections that set `i18n: true`. */
  i18n?: { structure: 'multiple_folders'; locales: string[]; default_locale: string };
  collections: DecapCollection[];
}
