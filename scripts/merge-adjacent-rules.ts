import postcss, { type Container } from 'postcss';

/**
 * NHS.UK frontend's mixins write one property group at a time, so the compiled CSS says
 * `.nhsuk-button{font-weight:600}.nhsuk-button{font-size:1rem;line-height:1.1875}` and
 * `@media (min-width:40.0625em){…}@media (min-width:40.0625em){…}` one after the other, and the
 * purge leaves more such neighbours where it took out what stood between them. Two rules with the
 * same selector, side by side in the same block, are one rule: nothing stands between them in the
 * cascade, and the later declarations still come later. Two neighbouring `@media` blocks with the
 * same query are one block for the same reason. Joined, they say the same in fewer bytes (issue 20:
 * about 165 bytes gzip off the content pages' stylesheet). Nothing is reordered and no declaration
 * is changed or dropped; other at-rules (`@supports`, `@font-face`, `@keyframes`) are left as they are.
 */
function mergeInside(container: Container): void {
  let previous: postcss.ChildNode | undefined;
  for (const node of [...(container.nodes ?? [])]) {
    if (node.type === 'atrule' && node.nodes) mergeInside(node);
    if (previous?.type === 'rule' && node.type === 'rule' && previous.selector === node.selector) {
      previous.append(...node.nodes);
      node.remove();
      continue;
    }
    if (
      previous?.type === 'atrule' &&
      node.type === 'atrule' &&
      node.name === 'media' &&
      previous.name === 'media' &&
      previous.params === node.params &&
      previous.nodes &&
      node.nodes
    ) {
      previous.append(...node.nodes);
      node.remove();
      // The seam may now hold two rules with the same selector.
      mergeInside(previous);
      continue;
    }
    if (node.type !== 'comment') previous = node;
  }
}

/** The stylesheet with neighbouring rules of the same selector, and `@media` blocks of the same query, joined. */
export function mergeAdjacentRules(css: string): string {
  const root = postcss.parse(css);
  mergeInside(root);
  return root.toString();
}
