/**
 * Decap's widget, backend, locale and editor-component packages ship without types. These are the
 * parts of them decap-parts.ts uses, typed with decap-cms-core's own types and kept narrow.
 */

/** A widget package: `Widget()` gives what `CMS.registerWidget` takes. */
interface DecapWidgetPackage {
  Widget(): import('decap-cms-core').CmsWidgetParam;
}

declare module 'decap-cms-widget-boolean' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-datetime' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-file' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-image' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-list' {
  const widget: DecapWidgetPackage;
  export default widget;
}
/** Loaded on demand (lazy-widget.tsx), so its control and preview are used directly. */
declare module 'decap-cms-widget-markdown' {
  const widget: import('./lazy-widget.tsx').WidgetCode;
  export default widget;
}
declare module 'decap-cms-widget-number' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-object' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-relation' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-select' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-string' {
  const widget: DecapWidgetPackage;
  export default widget;
}
declare module 'decap-cms-widget-text' {
  const widget: DecapWidgetPackage;
  export default widget;
}

declare module 'decap-cms-backend-git-gateway' {
  export const GitGatewayBackend: import('decap-cms-core').CmsBackendClass;
}
declare module 'decap-cms-backend-github' {
  export const GitHubBackend: import('decap-cms-core').CmsBackendClass;
}
declare module 'decap-cms-backend-gitlab' {
  export const GitLabBackend: import('decap-cms-core').CmsBackendClass;
}
declare module 'decap-cms-backend-proxy' {
  export const ProxyBackend: import('decap-cms-core').CmsBackendClass;
}

declare module 'decap-cms-locales' {
  export const en: import('decap-cms-core').CmsLocalePhrases;
}

declare module 'decap-cms-editor-component-image' {
  const image: import('decap-cms-core').EditorComponentOptions;
  export default image;
}
