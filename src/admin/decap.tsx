import CMS from 'decap-cms-core';
import { type ComponentProps, type ComponentType, Suspense, use } from 'react';
import { registerDecapParts } from './decap-parts.ts';
import { emptyPaths } from './empty-values.ts';
import type { EntryData } from './previews/entry-data.ts';
import type { PreviewProps } from './previews/preview-props.ts';

/**
 * The one module that talks to Decap CMS. Decap hands previews and events Immutable.js values;
 * this adapter turns them into plain objects so the rest of src/admin never depends on Decap.
 */

/** The parts of an Immutable.js value we use, checked at run time rather than cast. */
interface ImmutableValue {
  toJS(): unknown;
}
interface ImmutableMap extends ImmutableValue {
  getIn(path: string[]): unknown;
  deleteIn(path: (string | number)[]): ImmutableMap;
}

const hasMethod = (value: unknown, method: string): boolean =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, method) === 'function';
const isImmutableValue = (value: unknown): value is ImmutableValue => hasMethod(value, 'toJS');
const isImmutableMap = (value: unknown): value is ImmutableMap =>
  isImmutableValue(value) && hasMethod(value, 'getIn') && hasMethod(value, 'deleteIn');

function plain(value: unknown): EntryData {
  const js = isImmutableValue(value) ? value.toJS() : value;
  return typeof js === 'object' && js !== null && !Array.isArray(js) ? Object.fromEntries(Object.entries(js)) : {};
}

/** Decap's own types for what it hands a preview template and what it starts from. */
type DecapPreviewProps = ComponentProps<Parameters<typeof CMS.registerPreviewTemplate>[1]>;
type DecapInitConfig = NonNullable<Parameters<typeof CMS.init>[0]>['config'];

/**
 * A light check that this is a whole config. Decap then validates it against its own JSON schema
 * and shows any error on the page; its TypeScript type cannot describe the generated JSON.
 */
function isDecapConfig(value: unknown): value is DecapInitConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(Reflect.get(value, 'collections')) &&
    typeof Reflect.get(value, 'backend') === 'object' &&
    Reflect.get(value, 'load_config_file') === false
  );
}

type PreviewViews = Readonly<Record<string, ComponentType<PreviewProps>>>;

interface TemplateProps extends DecapPreviewProps {
  name: string;
  views: () => Promise<PreviewViews>;
  target: number;
}

/** Suspends (React's use()) until the templates are downloaded. */
function Template({ name, views, target, entry, widgetFor }: TemplateProps) {
  const View = use(views())[name];
  const data = plain(isImmutableMap(entry) ? entry.getIn(['data']) : undefined);
  const body = typeof data['body'] === 'string' ? data['body'] : '';
  if (!View) return null;
  return (
    <View data={data} body={body} target={target}>
      {body ? widgetFor('body') : null}
    </View>
  );
}

/**
 * The template Decap shows beside the editor. The templates (and the reading-age scorer) are
 * downloaded when the first entry is opened, not before the list of entries can show.
 */
function asDecapTemplate(
  name: string,
  views: () => Promise<PreviewViews>,
  target: number,
): ComponentType<DecapPreviewProps> {
  // Made once per template name at start-up, so React sees one stable component per template.
  const preview = (props: DecapPreviewProps) => (
    <Suspense fallback={null}>
      <Template {...props} name={name} views={views} target={target} />
    </Suspense>
  );
  return Object.assign(preview, { displayName: `DecapPreview(${name})` });
}

/** The names Decap looks preview templates up by: each folder collection's, each file's. */
function templateNames(config: DecapInitConfig): string[] {
  return config.collections.flatMap((collection) =>
    collection.files ? collection.files.map((file) => file.name) : [collection.name],
  );
}

export interface StartOptions {
  /** src/admin/config.generated.json. */
  config: unknown;
  /** Loads the preview templates, by collection (or file) name: src/admin/previews/templates.ts. */
  loadPreviews: () => Promise<PreviewViews>;
  /** The site's compiled stylesheets, in the order pages link them, so previews look like the site. */
  previewStyleUrls: readonly string[];
  readingAgeTarget: number;
}

export function startCms({ config, loadPreviews, previewStyleUrls, readingAgeTarget }: StartOptions): void {
  if (!isDecapConfig(config)) throw new Error('The CMS config is not a Decap config: run npm run cms:config');
  registerDecapParts(CMS);
  for (const url of previewStyleUrls) CMS.registerPreviewStyle(url);
  let previews: Promise<PreviewViews> | undefined;
  // One promise for every render: React's use() needs the same one each time.
  const views = () => {
    previews ??= loadPreviews();
    return previews;
  };
  for (const name of templateNames(config)) {
    CMS.registerPreviewTemplate(name, asDecapTemplate(name, views, readingAgeTarget));
  }
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      if (!isImmutableMap(entry)) return undefined;
      const data = entry.getIn(['data']);
      if (!isImmutableMap(data)) return undefined;
      return emptyPaths(data.toJS()).reduce<ImmutableMap>((next, path) => next.deleteIn(path), data);
    },
  });
  CMS.init({ config });
}
