import { describe, expect, it, vi } from 'vitest';
import { contentTypes } from '../../src/admin/collections.ts';

// astro:content is a virtual module that only exists inside an Astro build; its defineCollection
// returns the config it is given, so the test reads the collections exactly as Astro would.
vi.mock('astro:content', () => ({ defineCollection: <T>(config: T) => config }));

const { collections } = await import('../../src/content.config.ts');

/**
 * The content types are listed once (src/admin/collections.ts): the CMS, the content check, the
 * preview checks and Astro's collections all come from that list. A type the CMS edits but the
 * build does not read would let the comms team publish a page that never appears.
 */
describe('the content collections', () => {
  it('are the CMS content types, except the decision aid the site reads itself', () => {
    const built = Object.keys(collections).sort();
    const edited = contentTypes.filter((type) => type.name !== 'choices').map((type) => type.name);
    expect(built).toEqual(edited.sort());
  });

  it('use each content type’s own schema', () => {
    for (const type of contentTypes) {
      const collection = (collections as Record<string, { schema?: unknown }>)[type.name];
      if (type.name === 'choices') expect(collection).toBeUndefined();
      else expect(collection?.schema).toBe(type.schema);
    }
  });
});
