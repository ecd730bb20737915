import { compile, type Options } from 'css-select';
import { parse as parseSelector, type Selector, SelectorType } from 'css-what';
import { type DefaultTreeAdapterMap, parse as parseHtml } from 'parse5';
import postcss from 'postcss';

/**
 * PurgeCSS keeps a rule when every class and element name in its selector is somewhere in the
 * pages, each on its own: `.nhsuk-button .nhsuk-icon` stays because some page has a button and
 * some page has an icon, though no page puts an icon in a button; `ol+h4` stays because pages have
 * lists and fourth-level headings, never one after the other. On the content pages (issue 20) that
 * was about 120 of 380 selectors, a seventh of the stylesheet every content page loads.
 *
 * A content page runs no script, so its built HTML is the whole document it will ever be: a rule
 * that matches no element of any content page that links the sheet can never apply there. This
 * step takes such rules out, matching each selector against the pages as a browser parses them
 * (parse5, the HTML standard's parser, so an unclosed <p> ends where the browser ends it).
 *
 * What a reader, the browser or the printer can change is not known from the HTML, so the
 * selector is widened before it is matched, never narrowed: a pseudo-class not listed in STATIC
 * (`:hover`, `:focus`, `:visited`, `:target`, `:checked`, and any this step does not know), a
 * pseudo-element (`::before`, `::-moz-focus-inner`) and an attribute the browser sets itself
 * (`[open]` on a details opened, `[hidden]` of `until-found` taken off by find-in-page) each stand
 * for any element; a `:not()` holding any of them does too. So a focus style, a hover style, a
 * print style (media queries are not looked at) and an opened details keep their rules. A rule
 * goes when none of its selectors can match. From a list with some that can, a selector that
 * cannot goes only when it is written in CSS 3 selectors (PLAIN), which every browser NHS.UK
 * frontend supports reads: a browser that cannot read one selector of a list (`:has()` in a
 * Firefox before 121, `:focus-visible` in a Safari before 15.4) ignores the whole rule, and taking
 * that selector out would make the rule start to apply there. A selector this step cannot read is
 * kept.
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Pseudo-classes whose answer the HTML alone gives, on a page no script changes. */
const STATIC = new Set([
  'not',
  'is',
  'where',
  'has',
  'root',
  'empty',
  'first-child',
  'last-child',
  'only-child',
  'nth-child',
  'nth-last-child',
  'first-of-type',
  'last-of-type',
  'only-of-type',
  'nth-of-type',
  'nth-last-of-type',
]);

/** Attributes the browser itself adds or takes off while the page is shown. */
const LIVE_ATTRIBUTES = new Set(['open', 'hidden', 'checked', 'selected']);

const ANY: Selector = {
  type: SelectorType.Pseudo,
  name: 'is',
  data: [[{ type: SelectorType.Universal, namespace: null }]],
};

const isLive = (token: Selector): boolean =>
  token.type === SelectorType.PseudoElement ||
  (token.type === SelectorType.Attribute && LIVE_ATTRIBUTES.has(token.name.toLowerCase())) ||
  (token.type === SelectorType.Pseudo &&
    (!STATIC.has(token.name) || (Array.isArray(token.data) && token.data.some((inner) => inner.some(isLive)))));

/** Pseudo-classes and pseudo-elements of CSS 3 (Selectors Level 3), read by every supported browser. */
const PLAIN = new Set([
  ...[...STATIC].filter((name) => !['is', 'where', 'has'].includes(name)),
  'link',
  'visited',
  'hover',
  'active',
  'focus',
  'target',
  'enabled',
  'disabled',
  'checked',
  'before',
  'after',
  'first-line',
  'first-letter',
]);

/** Whether every browser in support reads the selector: CSS 3 only, `:not()` of one simple selector. */
const isPlain = (selector: Selector[][]): boolean =>
  selector.every((compound) =>
    compound.every((token) => {
      if (token.type !== SelectorType.Pseudo && token.type !== SelectorType.PseudoElement)
        return token.type !== SelectorType.ColumnCombinator && token.type !== SelectorType.Parent;
      if (!PLAIN.has(token.name)) return false;
      // `:nth-child(2n of .x)` is Selectors Level 4.
      if (token.name !== 'not')
        return token.data === null || (typeof token.data === 'string' && !/\bof\b/.test(token.data));
      return Array.isArray(token.data) && token.data.length === 1 && token.data[0]?.length === 1 && isPlain(token.data);
    }),
  );

const readsEverywhere = (selector: string): boolean => {
  try {
    return isPlain(parseSelector(selector));
  } catch {
    return false;
  }
};

/** The selector with every part the page's state decides replaced by "any element" (see above). */
export function widen(selector: Selector[][]): Selector[][] {
  return selector.map((compound) =>
    compound.map((token) => {
      if (token.type === SelectorType.Pseudo && token.name === 'not') return isLive(token) ? ANY : token;
      if (isLive(token)) return ANY;
      if (token.type === SelectorType.Pseudo && Array.isArray(token.data)) return { ...token, data: widen(token.data) };
      return token;
    }),
  );
}

const isElement = (node: Node): node is Element => 'tagName' in node;
const children = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : []);
const text = (node: Node): string =>
  node.nodeName === '#text' && 'value' in node ? node.value : children(node).map(text).join('');

/** css-select's view of parse5's tree. */
const adapter: NonNullable<Options<Node, Element>['adapter']> = {
  isTag: isElement,
  getAttributeValue: (element, name) => element.attrs.find((attribute) => attribute.name === name)?.value,
  getChildren: children,
  getName: (element) => element.tagName,
  getParent: (element) => element.parentNode,
  getSiblings: (node) => ('parentNode' in node && node.parentNode ? node.parentNode.childNodes : [node]),
  getText: text,
  hasAttrib: (element, name) => element.attrs.some((attribute) => attribute.name === name),
  removeSubsets: (nodes) => nodes.filter((node, index) => nodes.indexOf(node) === index),
};

function someElement(node: Node, test: (element: Element) => boolean): boolean {
  if (isElement(node) && test(node)) return true;
  return children(node).some((child) => someElement(child, test));
}

/** Whether the selector could match an element of any of the documents; true when it cannot be read. */
function canMatch(selector: string, documents: Node[]): boolean {
  let test: (element: Element) => boolean;
  try {
    test = compile<Node, Element>(widen(parseSelector(selector)), { adapter }) as (element: Element) => boolean;
  } catch {
    return true;
  }
  return documents.some((document) => someElement(document, test));
}

/** A built page as the browser's parser builds it. */
export const parsePage = (html: string): Node => parseHtml(html);

/**
 * The stylesheet without the rules (outside `@keyframes`) that no element of these documents can
 * match, without the CSS 3 selectors of a list that cannot, and without the at-rules left empty.
 */
export function dropUnmatchedRules(css: string, documents: Node[]): string {
  const root = postcss.parse(css);
  const known = new Map<string, boolean>();
  const matches = (selector: string) => {
    let result = known.get(selector);
    if (result === undefined) {
      result = canMatch(selector, documents);
      known.set(selector, result);
    }
    return result;
  };
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && 'name' in rule.parent && /keyframes$/.test(String(rule.parent.name))) return;
    const alive = rule.selectors.filter(matches);
    if (alive.length === 0) rule.remove();
    else if (alive.length < rule.selectors.length) {
      const dead = rule.selectors.filter((selector) => !alive.includes(selector));
      if (dead.every(readsEverywhere)) rule.selector = alive.join(',');
    }
  });
  // Innermost first, so a block that held only an emptied block goes too.
  const atRules: postcss.AtRule[] = [];
  root.walkAtRules((atRule) => {
    atRules.push(atRule);
  });
  for (const atRule of atRules.reverse()) if (atRule.nodes && atRule.nodes.length === 0) atRule.remove();
  return root.toString();
}
