import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import config from '../../astro.config.mjs';

/**
 * `npm start` says what a person must act on and little else (issue 21: it printed 173 lines
 * before the URL, most of them warnings nobody could act on). The figures are in the report of
 * that change; these tests hold the parts that make it quiet.
 */
const scripts: Record<string, string> = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

describe('a quiet npm start', () => {
  it('sends no Astro telemetry from any npm script that runs Astro', () => {
    const runsAstro = Object.entries(scripts).filter(([, command]) =>
      /\bastro (dev|build|check)\b|scripts\/(test|cms)\.ts/.test(command),
    );
    expect(runsAstro.map(([name]) => name)).toEqual(expect.arrayContaining(['dev', 'check', 'test', 'cms']));
    expect(runsAstro.filter(([, command]) => !command.startsWith('ASTRO_TELEMETRY_DISABLED=1 '))).toEqual([]);
    // The build goes through scripts/build-site.ts, which sets it itself.
    expect(scripts['build']).toContain('scripts/build-site.ts');
    expect(scripts['build']).not.toMatch(/\bastro build\b/);
    expect(readFileSync('scripts/build-site.ts', 'utf8')).toContain("process.env['ASTRO_TELEMETRY_DISABLED'] = '1'");
  });

  it('silences only the CMS dependencies’ known eval warnings, and passes every other warning on', () => {
    const onwarn = config.vite?.build?.rolldownOptions?.onwarn;
    if (typeof onwarn !== 'function') throw new Error('astro.config.mjs has no build warning filter');
    const warn = vi.fn();
    const seen = (warning: Record<string, unknown>) => {
      warn.mockClear();
      (onwarn as (warning: unknown, warn: (w: unknown) => void) => void)(warning, warn);
      return warn.mock.calls.length === 1;
    };
    expect(seen({ code: 'EVAL', id: '/work/main/node_modules/js-sha256/src/sha256.js' })).toBe(false);
    expect(seen({ code: 'EVAL', id: '/work/main/node_modules/@iarna/toml/lib/toml-parser.js' })).toBe(false);
    expect(seen({ code: 'EVAL', id: '/work/main/node_modules/gray-matter/lib/engines.js' })).toBe(false);
    expect(seen({ code: 'EVAL', id: '/work/main/src/islands/Search.tsx' })).toBe(true);
    expect(seen({ code: 'EVAL', id: '/work/main/node_modules/some-new-package/index.js' })).toBe(true);
    expect(seen({ code: 'CIRCULAR_DEPENDENCY', id: '/work/main/node_modules/js-sha256/src/sha256.js' })).toBe(true);
  });

  it('goes through the build and the server without npm announcing each step', () => {
    expect(scripts['start']).toBe('npm run --silent build && npm run --silent serve');
  });
});
