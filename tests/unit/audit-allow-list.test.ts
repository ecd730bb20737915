import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AllowList, judgeAudit } from '../../scripts/audit/allow-list.ts';

/** Trimmed from a real `npm audit --omit=dev --json` (npm 11, auditReportVersion 2). */
function auditReport(...advisories: { pkg: string; ghsa: string; title: string; severity: string }[]) {
  const vulnerabilities: Record<string, unknown> = {};
  for (const a of advisories) {
    vulnerabilities[a.pkg] = {
      name: a.pkg,
      severity: a.severity,
      isDirect: false,
      via: [
        {
          source: 1_100_000,
          name: a.pkg,
          dependency: a.pkg,
          title: a.title,
          url: `https://github.com/advisories/${a.ghsa}`,
          severity: a.severity,
          range: '<9.9.9',
        },
      ],
      effects: [],
      range: '<9.9.9',
      nodes: [`node_modules/${a.pkg}`],
      fixAvailable: true,
    };
  }
  // A package affected only through another one names it as a string in `via`: not a second advisory.
  if (advisories[0]) {
    vulnerabilities['wrapper'] = { name: 'wrapper', severity: 'low', via: [advisories[0].pkg], effects: [] };
  }
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { total: advisories.length } } };
}

const lodash = { pkg: 'lodash', ghsa: 'GHSA-aaaa-bbbb-cccc', title: 'Prototype pollution', severity: 'high' };
const yaml = { pkg: 'yaml', ghsa: 'GHSA-dddd-eeee-ffff', title: 'Uncontrolled recursion', severity: 'moderate' };
const today = '2026-12-06';
const accepted: AllowList = {
  advisories: [
    {
      id: 'GHSA-aaaa-bbbb-cccc',
      package: 'lodash',
      reason: 'Only reached from the CMS build, never with input from outside',
      reviewBy: '2027-03-01',
    },
  ],
};

describe('the dependency audit in CI', () => {
  it('passes with no advisories', () => {
    expect(judgeAudit(auditReport(), { advisories: [] }, today)).toMatchObject({ ok: true, unlisted: [] });
  });

  it('passes when every advisory is on the allow-list with its reason', () => {
    const verdict = judgeAudit(auditReport(lodash), accepted, today);
    expect(verdict).toMatchObject({ ok: true, unlisted: [], accepted: [{ id: 'GHSA-aaaa-bbbb-cccc' }] });
  });

  it('fails on a new advisory that is not on the list, naming the package, advisory and severity', () => {
    const verdict = judgeAudit(auditReport(lodash, yaml), accepted, today);
    expect(verdict.ok).toBe(false);
    expect(verdict.unlisted).toEqual([
      {
        id: 'GHSA-dddd-eeee-ffff',
        package: 'yaml',
        title: 'Uncontrolled recursion',
        severity: 'moderate',
        url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
      },
    ]);
  });

  it('fails when an accepted advisory is past its review date, so acceptance is never forever', () => {
    const verdict = judgeAudit(auditReport(lodash), accepted, '2027-03-02');
    expect(verdict.ok).toBe(false);
    expect(verdict.expired).toEqual([expect.objectContaining({ id: 'GHSA-aaaa-bbbb-cccc' })]);
  });

  it('says which accepted advisories no longer apply, so the list can be trimmed', () => {
    const verdict = judgeAudit(auditReport(), accepted, today);
    expect(verdict).toMatchObject({ ok: true, stale: [{ id: 'GHSA-aaaa-bbbb-cccc' }] });
  });

  it('refuses an allow-list entry without a reason or a review date', () => {
    expect(() =>
      judgeAudit(
        auditReport(),
        { advisories: [{ id: 'GHSA-x', package: 'p', reason: '', reviewBy: '2027-01-01' }] },
        today,
      ),
    ).toThrow(/reason/);
  });

  it('counts the audit as not done when npm could not reach the advisory service, never as passed', () => {
    const error = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    };
    expect(judgeAudit(error, accepted, today)).toMatchObject({
      ok: false,
      unavailable: expect.stringContaining('405'),
    });
  });
});

describe('scripts/audit-dependencies.ts, with npm answering canned reports', () => {
  /** Runs the command with a stand-in `npm` first on PATH that prints `report`. */
  function auditWith(report: unknown, env: Record<string, string> = {}) {
    const bin = mkdtempSync(join(tmpdir(), 'fake-npm-'));
    try {
      writeFileSync(join(bin, 'report.json'), JSON.stringify(report));
      writeFileSync(join(bin, 'npm'), `#!/bin/sh\ncat "${join(bin, 'report.json')}"\nexit 1\n`);
      chmodSync(join(bin, 'npm'), 0o755);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-dependencies.ts'], {
        encoding: 'utf8',
        env: { ...process.env, ...env, PATH: `${bin}:${process.env['PATH']}` },
      });
      return { status: run.status, output: run.stdout };
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }

  it('fails on an advisory the committed allow-list does not accept, and says what to do', () => {
    const run = auditWith(auditReport(yaml));
    expect(run.status).toBe(1);
    expect(run.output).toContain('New advisory: yaml — Uncontrolled recursion (moderate)');
    expect(run.output).toContain('add the advisory to .ci/audit-allow-list.json with a reason');
  });

  it('passes with no advisories', () => {
    expect(auditWith(auditReport()).status).toBe(0);
  });

  it('reports "not checked" when the advisory service cannot be reached, and fails then if CI requires the audit', () => {
    const error = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    };
    expect(auditWith(error)).toMatchObject({ status: 3, output: expect.stringContaining('NOT audited: 405') });
    expect(auditWith(error, { AUDIT_REQUIRED: 'true' }).status).toBe(1);
  });
});
