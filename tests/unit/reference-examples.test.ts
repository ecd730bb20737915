import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_REFERENCE, isReference, referenceSchema } from '../../src/domain/reference.ts';
import { t } from '../../src/i18n/t.ts';
import { subjectSearchSchema } from '../../src/server/staff/subject-access/search.ts';

/**
 * An example that cannot be typed back in teaches the wrong shape: the subject-access hint once
 * said "like HKT3RW7P" (a letter third), and searching for it was refused. Every 8-character run
 * of capitals and digits, with both, in what people read or what the code documents is taken to be
 * a reference example and must be one.
 */
const ROOTS = ['content', 'src', 'functions'];
const TEXT = /\.(md|ya?ml|json|ts|tsx|astro|mjs)$/;
const CANDIDATE = /\b(?=[A-Z0-9]{0,7}\d)(?=[A-Z0-9]{0,7}[A-Z])[A-Z0-9]{8}\b/g;

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

describe('example references', () => {
  it('every example reference in content/, src/ and functions/ is one a person could type back in', () => {
    const found: string[] = [];
    const invalid: string[] = [];
    for (const root of ROOTS) {
      for (const file of textFiles(root)) {
        for (const [candidate] of readFileSync(file, 'utf8').matchAll(CANDIDATE)) {
          found.push(candidate);
          if (!isReference(candidate)) invalid.push(`${file}: ${candidate}`);
        }
      }
    }
    expect(found.length).toBeGreaterThan(0);
    expect(invalid).toEqual([]);
  });

  it('the example in the hints and errors is accepted by the boxes that show it', () => {
    expect(isReference(EXAMPLE_REFERENCE)).toBe(true);
    expect(t('subjectAccess.search.hint')).toContain(EXAMPLE_REFERENCE);
    expect(t('subjectAccess.errors.format')).toContain(EXAMPLE_REFERENCE);
    expect(t('optOut.reference.hint')).toContain(EXAMPLE_REFERENCE);
    expect(subjectSearchSchema().safeParse({ search: EXAMPLE_REFERENCE }).success).toBe(true);
    expect(referenceSchema().safeParse(EXAMPLE_REFERENCE).success).toBe(true);
    expect(referenceSchema().safeParse('HKT3RW7P').error?.issues[0]?.message).toContain(EXAMPLE_REFERENCE);
  });
});
