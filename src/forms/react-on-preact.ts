import { options, type VNode } from 'preact';

export { createElement, Fragment } from 'preact';
export { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';

/**
 * What `react` is for an island in the browser build (src/forms/browser-runtime.ts): plain Preact
 * and its hooks, the React names the islands and form components use. preact/compat would make all
 * of React's API work and cost every form page about 2 KB (gzip) more; the islands need only these.
 * TypeScript still checks the islands against React's types, and the server renders them with React.
 *
 * React and Preact name two DOM events differently, and the forms rely on React's meaning of both,
 * so their props are renamed as each element is created (preact/compat does the same):
 * - `onBlur` and `onFocus`: React listens for focusout and focusin, which bubble, so the form's own
 *   `onBlur` hears each field the person leaves and live validation shows that field's message.
 *   Preact would listen for blur, which does not bubble, and the form would hear nothing.
 * - `onChange` on a text box or text area: React calls it on every keystroke (the search box
 *   searches as the person types); Preact would call it only when the box loses focus. On a radio,
 *   checkbox or file input, and on a form, both mean the DOM's change event.
 */
const REACT_FOCUS: Readonly<Record<string, string>> = { onBlur: 'onfocusout', onFocus: 'onfocusin' };
const CHANGE_ON_BLUR = /^(radio|checkbox|file)$/;

function reactEventName(name: string, type: string, props: Record<string, unknown>): string | undefined {
  if (name === 'onChange' && (type === 'input' || type === 'textarea') && !CHANGE_ON_BLUR.test(String(props['type'])))
    return 'oninput';
  return REACT_FOCUS[name];
}

const previousHook = options.vnode;
options.vnode = (vnode: VNode) => {
  if (typeof vnode.type === 'string') {
    const props = vnode.props as Record<string, unknown>;
    for (const name of Object.keys(props)) {
      const renamed = reactEventName(name, vnode.type, props);
      if (renamed === undefined) continue;
      props[renamed] = props[name];
      delete props[name];
    }
  }
  previousHook?.(vnode);
};
