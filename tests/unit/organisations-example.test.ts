import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import { organisationSchema } from '../../src/schemas/organisation.ts';
import { exampleMarking } from '../../src/utils/organisation-examples.ts';

/**
 * Made-up organisations (issue 14, item 8): every organisation in this repository is invented, so
 * each carries the common `example` flag, /organisations/ says so once above its table, and the
 * launch check lists each until the comms team replaces it.
 */

const folder = join(import.meta.dirname, '..', '..', 'content', 'organisations');
const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
const entry = (example: boolean) => ({ data: { example } });

describe('made-up organisations', () => {
  it('are each marked example in their file, and the schema keeps the flag', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const name of files) {
      const data = organisationSchema().parse(parse(readFileSync(join(folder, name), 'utf8')));
      expect({ name, example: data.example }).toEqual({ name, example: true });
    }
  });

  it('are real unless marked', () => {
    const data = organisationSchema().parse({
      name: 'Real Surgery',
      type: 'gp-practice',
      town: 'Ashby',
      joined: '2026-01-05',
    });
    expect(data.example).toBe(false);
  });

  it('are listed by the launch check, one item per organisation', () => {
    const marked = runLaunchCheck(join(import.meta.dirname, '..', '..'))
      .items.filter((item) => item.kind === 'example-entry' && item.file.startsWith('content/organisations/'))
      .map((item) => item.file);
    expect(marked.sort()).toEqual(files.map((name) => `content/organisations/${name}`).sort());
  });
});

describe('how /organisations/ marks them', () => {
  it('says once that the list is made up when every entry is', () => {
    expect(exampleMarking([entry(true), entry(true)])).toBe('all');
  });

  it('tags each made-up entry when the list mixes real and made-up ones', () => {
    expect(exampleMarking([entry(true), entry(false)])).toBe('some');
  });

  it('says nothing once every entry is real', () => {
    expect(exampleMarking([entry(false), entry(false)])).toBeUndefined();
    expect(exampleMarking([])).toBeUndefined();
  });
});
