import { type ComponentType, h, hydrate, render } from 'preact';
import './react-on-preact.ts';

type Props = Record<string, unknown>;

/** An Astro slot's HTML, as the server rendered it. */
const slot = (html: string | undefined, name?: string) =>
  html ? h('astro-slot', { name, dangerouslySetInnerHTML: { __html: html } }) : null;

/**
 * Astro's hydration script for the React islands, in the browser build: it hydrates the island's
 * server HTML with Preact, as @astrojs/react's own script does with React DOM (src/forms/browser-runtime.ts
 * puts this in its place). Preact keeps the server's attributes as they are and a value typed before
 * the script ran. Importing react-on-preact.ts first renames React's event props before any island renders.
 */
export default (element: HTMLElement) =>
  (
    Component: ComponentType<Props>,
    props: Props,
    { default: children, ...named }: Record<string, string>,
    { client }: { client: string },
  ) => {
    if (!element.hasAttribute('ssr')) return;
    for (const [name, html] of Object.entries(named)) props[name] = slot(html, name);
    (client === 'only' ? render : hydrate)(h(Component, props, slot(children)), element);
    element.addEventListener('astro:unmount', () => render(null, element), { once: true });
  };
