import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';

/**
 * One Node version for running the project, stated once: the `node` dev dependency, which every
 * `npm run` script uses. And one for installing it: package.json's `engines` (what npm 11 itself
 * needs). Everything else that names a version is checked against those two here.
 */
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const runtimeMajor = /(\d+)/.exec(pkg.devDependencies['node'] ?? '')?.[1];
const installMinimum = /\^(\d+\.\d+)/.exec(pkg.engines.node)?.[1];

describe('the Node version', () => {
  it('Netlify builds and runs the functions on the pinned major', () => {
    const toml = parse(readFileSync('netlify.toml', 'utf8')) as { build: { environment: { NODE_VERSION: string } } };
    expect(toml.build.environment.NODE_VERSION).toBe(runtimeMajor);
  });

  it('the README and the deploy guide give the same versions as package.json', () => {
    const readme = readFileSync('README.md', 'utf8');
    const deploy = readFileSync('docs/deploy.md', 'utf8');
    expect(readme).toContain(`You need Node.js ${installMinimum} or later and npm 11`);
    expect(readme).toContain(`The\nproject pins Node ${runtimeMajor} as a dev dependency`);
    expect(deploy).toContain(`need Node.js ${installMinimum} or later and npm 11`);
    expect(deploy).toContain(`installs the Node.js ${runtimeMajor} the project pins`);
    // No other Node.js minimum is stated anywhere else.
    for (const text of [readme, deploy]) expect(text).not.toMatch(/Node\.js 2\d(\.\d+)? or later(?! and npm 11)/);
  });
});
