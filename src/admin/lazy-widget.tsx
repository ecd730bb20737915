import type { CMS, CmsWidgetControlProps, CmsWidgetPreviewProps } from 'decap-cms-core';
import { Component, type ComponentClass, type ComponentType, createElement } from 'react';

/**
 * Decap widgets whose code is downloaded the first time an entry that uses them is opened, not
 * before the list of entries can show. The Markdown editor (Slate, remark, react-dom/server) is
 * about a third of the CMS's code, and the list of entries never uses it.
 */

/** What a lazily loaded widget package gives: its editing control and its preview. */
export interface WidgetCode {
  controlComponent: ComponentClass<CmsWidgetControlProps>;
  previewComponent: ComponentType<CmsWidgetPreviewProps>;
}

/** Each lazy widget's code, by widget name: started once, then shared by every field. */
const loaders = new Map<string, () => Promise<WidgetCode>>();
const loaded = new Map<string, WidgetCode>();

function widgetName(props: { field: CmsWidgetControlProps['field'] }): string {
  const name: unknown = props.field.get('widget');
  return typeof name === 'string' ? name : '';
}

/** The methods Decap's form may call on a control it holds a ref to (see Decap's Widget.js). */
interface ControlInstance {
  focus?(path?: string): void;
  isValid?(): unknown;
  getValidateValue?(): unknown;
}
const isControlInstance = (value: unknown): value is ControlInstance => typeof value === 'object' && value !== null;

type State = { code: WidgetCode | undefined };

/**
 * A class, like Decap's own controls: Decap keeps a ref to the control and calls isValid(),
 * focus() and getValidateValue() on it, so these pass through to the real control once it is here.
 * Until then nothing is drawn: the field's label is Decap's, above this.
 */
class LazyControl extends Component<CmsWidgetControlProps, State> {
  override state: State = { code: loaded.get(widgetName(this.props)) };
  inner: ControlInstance | undefined;
  setInner = (instance: unknown) => {
    this.inner = isControlInstance(instance) ? instance : undefined;
  };
  override componentDidMount() {
    if (!this.state.code) void loadWidget(widgetName(this.props)).then((code) => this.setState({ code }));
  }
  isValid() {
    return this.inner?.isValid ? this.inner.isValid() : true;
  }
  focus(path?: string) {
    this.inner?.focus?.(path);
  }
  getValidateValue() {
    return this.inner?.getValidateValue?.();
  }
  override render() {
    const { code } = this.state;
    return code ? createElement(code.controlComponent, { ...this.props, ref: this.setInner }) : null;
  }
}

class LazyPreview extends Component<CmsWidgetPreviewProps, State> {
  override state: State = { code: loaded.get(widgetName(this.props)) };
  override componentDidMount() {
    if (!this.state.code) void loadWidget(widgetName(this.props)).then((code) => this.setState({ code }));
  }
  override render() {
    const { code } = this.state;
    return code ? createElement(code.previewComponent, this.props) : null;
  }
}

function loadWidget(name: string): Promise<WidgetCode> {
  const load = loaders.get(name);
  if (!load) return Promise.reject(new Error(`No lazy widget is registered as "${name}"`));
  const started = load().then((code) => {
    loaded.set(name, code);
    return code;
  });
  // Later fields reuse the same download.
  loaders.set(name, () => started);
  return started;
}

/**
 * Registers a widget whose package `load` imports on first use. Decap's types have no place for
 * the widget's options schema, so Decap does not check that widget's options in the config.
 */
export function registerLazyWidget(cms: CMS, name: string, load: () => Promise<WidgetCode>): void {
  loaders.set(name, load);
  cms.registerWidget(name, LazyControl, LazyPreview);
}
