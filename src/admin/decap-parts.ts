import { GitGatewayBackend } from 'decap-cms-backend-git-gateway';
import { GitHubBackend } from 'decap-cms-backend-github';
import { GitLabBackend } from 'decap-cms-backend-gitlab';
import { ProxyBackend } from 'decap-cms-backend-proxy';
import type { CMS } from 'decap-cms-core';
import image from 'decap-cms-editor-component-image';
import { en } from 'decap-cms-locales';
import boolean from 'decap-cms-widget-boolean';
import datetime from 'decap-cms-widget-datetime';
import file from 'decap-cms-widget-file';
import imageWidget from 'decap-cms-widget-image';
import list from 'decap-cms-widget-list';
import number from 'decap-cms-widget-number';
import object from 'decap-cms-widget-object';
import relation from 'decap-cms-widget-relation';
import select from 'decap-cms-widget-select';
import string from 'decap-cms-widget-string';
import text from 'decap-cms-widget-text';
import { type EagerWidget, eagerWidgets, type LazyWidget, lazyWidgets } from './decap-widgets.ts';
import { registerLazyWidget, type WidgetCode } from './lazy-widget.tsx';

/**
 * Only the parts of Decap CMS this site uses. decap-cms-app registers every backend, widget,
 * editor component and locale (1.5 MB gzip); the comms team needs a fraction of that, and every
 * byte is parsed before the list of entries can show.
 */

/** Each eagerly loaded widget's package, by the name decap-widgets.ts lists. */
const widgetPackages: Record<EagerWidget, DecapWidgetPackage> = {
  boolean,
  datetime,
  file,
  image: imageWidget,
  list,
  number,
  object,
  relation,
  select,
  string,
  text,
};

/** Each lazily loaded widget's package: a separate chunk, fetched when an entry first needs it. */
const lazyPackages: Record<LazyWidget, () => Promise<WidgetCode>> = {
  markdown: () => import('decap-cms-widget-markdown').then((m) => m.default),
};

export function registerDecapParts(cms: CMS): void {
  // proxy is the local backend (decap-server, `npm run cms`); the others are the production
  // choices docs/cms.md describes.
  cms.registerBackend('proxy', ProxyBackend);
  cms.registerBackend('github', GitHubBackend);
  cms.registerBackend('gitlab', GitLabBackend);
  cms.registerBackend('git-gateway', GitGatewayBackend);
  for (const name of eagerWidgets) {
    const widget = widgetPackages[name].Widget();
    if (widget.name !== name) throw new Error(`Decap's ${name} widget calls itself ${widget.name}`);
    cms.registerWidget(widget);
  }
  // The generated config gives Markdown fields no widget options, so nothing is lost by Decap not
  // checking them (see registerLazyWidget).
  for (const name of lazyWidgets) registerLazyWidget(cms, name, lazyPackages[name]);
  cms.registerEditorComponent(image);
  cms.registerLocale('en', en);
}
