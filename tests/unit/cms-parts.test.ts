import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import type { DecapField } from '../../src/admin/decap-config.ts';
import { eagerWidgets, lazyWidgets } from '../../src/admin/decap-widgets.ts';

/**
 * The CMS bundles only the Decap widgets it registers (src/admin/decap-parts.ts), not all of
 * decap-cms-app. A schema that starts using another widget must add it there, or the form would
 * show "No control for widget" where an editor expects a field.
 */

const root = join(import.meta.dirname, '..', '..');
const registered = new Set<string>([...eagerWidgets, ...lazyWidgets]);

function widgetsIn(fields: DecapField[] | undefined): string[] {
  return (fields ?? []).flatMap((field) => [
    field.widget,
    ...widgetsIn(field.fields),
    ...(field.field ? widgetsIn([field.field]) : []),
  ]);
}

describe('the Decap parts the CMS registers', () => {
  it('include every widget the generated config uses', () => {
    const used = new Set(
      buildCmsConfig().collections.flatMap((c) => [
        ...widgetsIn(c.fields),
        ...(c.files ?? []).flatMap((f) => widgetsIn(f.fields)),
      ]),
    );
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('are each installed as their own package, at the same major version as decap-cms-core', () => {
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const major = (range: string | undefined) => range?.match(/\d+/)?.[0];
    for (const name of registered) {
      expect(major(dependencies[`decap-cms-widget-${name}`]), name).toBe(major(dependencies['decap-cms-core']));
    }
    expect(dependencies['decap-cms-app'], 'decap-cms-app bundles every widget and backend').toBeUndefined();
  });
});
