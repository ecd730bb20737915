import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the site settings are read with the same schema as the site build', () => {
  it("reads the comms team's settings from the content folder", async () => {
    const { readSiteSettings } = await import('../../src/server/site-settings.ts');
    const settings = await readSiteSettings('./content');
    expect(settings.schemeName.length).toBeGreaterThan(0);
  });

  it('names the file when it is missing', async () => {
    const { readSiteSettings } = await import('../../src/server/site-settings.ts');
    const empty = mkdtempSync(join(tmpdir(), 'clearshare-settings-'));
    try {
      await expect(readSiteSettings(empty)).rejects.toThrow(join(empty, 'settings', 'site.yaml'));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// Issue 13: a function's cold start should not set up the YAML parser (162 KB of each bundle);
// it is loaded on the first read of the settings, which runs beside the database connection.
describe('the YAML parser is loaded when the settings are first read, not when a function loads', () => {
  afterEach(() => {
    vi.doUnmock('yaml');
    vi.resetModules();
  });

  it('starts without it and loads it for the first read', async () => {
    vi.resetModules();
    const loaded = vi.fn();
    vi.doMock('yaml', async (importOriginal) => {
      loaded();
      return importOriginal();
    });
    const fresh = await import('../../src/server/site-settings.ts');
    expect(loaded).not.toHaveBeenCalled();
    await fresh.readSiteSettings('./content');
    expect(loaded).toHaveBeenCalledTimes(1);
  });
});
