import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { residentSources, templateOf } from '../../scripts/css-templates.ts';

const vote = '<form method="post" action="/api/feedback"><input type="hidden" name="kind" value="page-helpful"></form>';
const page = (body: string, head = '') => `<html><head>${head}</head><body><main>${body}</main></body></html>`;

describe('which stylesheets a built page gets (scripts/css-templates.ts)', () => {
  it('gives a page that only reads, with the "Was this page helpful?" vote and JSON-LD, the content stylesheets', () => {
    expect(templateOf('faqs/index.html', page(vote, '<script type="application/ld+json">{}</script>'))).toBe('content');
    expect(templateOf('organisations/index.html', page('<form action="/organisations/" method="get"></form>'))).toBe(
      'content',
    );
  });

  it('gives a form page, an island or a script the residents’ stylesheets', () => {
    expect(templateOf('opt-out/form/index.html', page('<form method="post" action="/api/opt-out"></form>'))).toBe(
      'resident',
    );
    expect(templateOf('search/index.html', page('<astro-island uid="x"></astro-island>'))).toBe('resident');
    expect(templateOf('faqs/index.html', page(`${vote}<script type="module" src="/_astro/a.js"></script>`))).toBe(
      'resident',
    );
    expect(templateOf('updates/index.html', page('<form action="/api/updates/manage"></form>'))).toBe('resident');
  });

  it('gives the form shells, in every language, the residents’ stylesheets: functions render answers into them', () => {
    expect(templateOf('form-shell/index.html', page(''))).toBe('resident');
    expect(templateOf('ur/form-shell/index.html', page(''))).toBe('resident');
  });

  it('gives the staff shell and the CMS the generous stylesheets', () => {
    expect(templateOf('staff-shell/index.html', page(''))).toBe('staff');
    expect(templateOf('admin/preview-check/faqs/index.html', page(''))).toBe('staff');
  });
});

describe('the source of what a resident can see', () => {
  const root = mkdtempSync(join(tmpdir(), 'clearshare-css-templates-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('follows imports from the residents’ functions and the islands: a staff file they import is read, a staff-only one is not', () => {
    write('functions/transparency.ts', "import { Page } from '../src/server/transparency/Page.tsx';");
    write('functions/staff.ts', "import { Queue } from '../src/server/staff/queues/Queue.tsx';");
    write('src/server/transparency/Page.tsx', "import { DataTable } from '../staff/views/DataTable.tsx';");
    write('src/server/staff/views/DataTable.tsx', "import { ScrollRegion } from './ScrollRegion';");
    write('src/server/staff/views/ScrollRegion.tsx', 'export const ScrollRegion = 1;');
    write('src/server/staff/queues/Queue.tsx', "import { Tag } from '../../../forms/components/Tag.tsx';");
    write('src/forms/components/Tag.tsx', 'export const Tag = "nhsuk-tag";');
    write('src/islands/OptOutForm.tsx', "export { Input } from '../forms/components/index.ts';");
    write('src/forms/components/index.ts', "export { Input } from './Input.tsx';");
    write('src/forms/components/Input.tsx', 'export const Input = 1;');
    write('src/forms/components/Input.test.tsx', 'export {};');
    const found = residentSources(root).map((file) => file.slice(root.length + 1));
    expect(found).toEqual([
      'functions/transparency.ts',
      'src/forms/components/Input.tsx',
      'src/forms/components/index.ts',
      'src/islands/OptOutForm.tsx',
      'src/server/staff/views/DataTable.tsx',
      'src/server/staff/views/ScrollRegion.tsx',
      'src/server/transparency/Page.tsx',
    ]);
  });
});
