import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadEnv, postgresUsesTls, smtpUsesTls } from '../../src/server/env.ts';
import { missingRuntimeFiles } from '../../src/server/runtime-files.ts';
import { checkAtStart } from '../../src/server/start-check.ts';

const keys = {
  FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
};
const problemsOf = (source: Record<string, string>): string[] => {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
};

describe('production rules hold on a platform even when NODE_ENV is forgotten', () => {
  for (const platform of [
    { NETLIFY: 'true' },
    { AWS_LAMBDA_FUNCTION_NAME: 'opt-out' },
    { LAMBDA_TASK_ROOT: '/var/task' },
  ]) {
    it(`refuses the embedded database, file mail and development keys with ${Object.keys(platform)[0]} set`, () => {
      const problems = problemsOf(platform).join('\n');
      expect(problems).toContain('DATABASE_URL is required in production');
      expect(problems).toContain('SMTP_URL is required in production');
      expect(problems).toContain('FIELD_ENCRYPTION_KEYS is required');
      expect(problems).toContain('LOOKUP_HMAC_KEY is required');
      expect(problems).toContain('PUBLIC_URL is required in production');
    });
  }

  it('takes one database connection per instance on a platform, ten on the Node server, or DB_POOL_MAX', () => {
    const base = {
      DATABASE_URL: 'postgres://db.example/cs?sslmode=require',
      SMTP_URL: 'smtps://mail.example',
      PUBLIC_URL: 'https://record.example',
      ...keys,
    };
    expect(loadEnv({ ...base, NETLIFY: 'true' }).dbPoolMax).toBe(1);
    expect(loadEnv({ ...base, NETLIFY: 'true', DB_POOL_MAX: '3' }).dbPoolMax).toBe(3);
    expect(loadEnv({}).dbPoolMax).toBe(10);
    expect(loadEnv({ ...base, NETLIFY: 'true' }).production).toBe(true);
    expect(loadEnv({}).production).toBe(false);
  });
});

describe('in production, the database and mail connections must be encrypted unless on loopback', () => {
  it('refuses a plain connection to another host, naming the setting that allows it', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://cs:pw@db.example:5432/cs',
      SMTP_URL: 'smtp://relay.example:587',
      ...keys,
    }).join('\n');
    expect(problems).toMatch(/DATABASE_URL must use TLS.*sslmode=require.*ALLOW_UNENCRYPTED_CONNECTIONS=true/s);
    expect(problems).toMatch(/SMTP_URL must use TLS.*smtps:\/\/.*requireTLS=true.*ALLOW_UNENCRYPTED_CONNECTIONS=true/s);
    expect(problems).not.toContain('pw@');
  });

  it('accepts TLS, loopback, or the explicit switch', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://record.example', ...keys };
    expect(
      problemsOf({
        ...production,
        DATABASE_URL: 'postgres://db.example/cs?sslmode=verify-full',
        SMTP_URL: 'smtp://relay.example:587?requireTLS=true',
      }),
    ).toEqual([]);
    expect(
      problemsOf({ ...production, DATABASE_URL: 'postgres://127.0.0.1:5432/cs', SMTP_URL: 'smtp://localhost:25' }),
    ).toEqual([]);
    expect(
      problemsOf({
        ...production,
        DATABASE_URL: 'postgres://10.0.0.5/cs',
        SMTP_URL: 'smtp://10.0.0.6',
        ALLOW_UNENCRYPTED_CONNECTIONS: 'true',
      }),
    ).toEqual([]);
  });

  it('reads the URLs the way the drivers do', () => {
    expect(postgresUsesTls('postgres://db.example/cs?sslmode=require')).toBe(true);
    expect(postgresUsesTls('postgres://db.example/cs?sslmode=prefer')).toBe(false);
    expect(postgresUsesTls('postgres://db.example/cs?sslmode=disable')).toBe(false);
    expect(postgresUsesTls('postgres://[::1]:5432/cs')).toBe(true);
    expect(postgresUsesTls('postgres://127.0.0.1.evil.example/cs')).toBe(false);
    expect(smtpUsesTls('smtps://relay.example:465')).toBe(true);
    expect(smtpUsesTls('smtp://relay.example:587?requireTLS=false')).toBe(false);
    expect(smtpUsesTls('smtp://localhost.evil.example:25')).toBe(false);
  });
});

describe('the files a function reads at run time are checked when it starts', () => {
  const folder = () => {
    const root = mkdtempSync(join(tmpdir(), 'clearshare-runtime-'));
    mkdirSync(join(root, 'content', 'settings'), { recursive: true });
    mkdirSync(join(root, 'dist', 'form-shell'), { recursive: true });
    mkdirSync(join(root, 'dist', 'staff-shell'), { recursive: true });
    writeFileSync(join(root, 'content', 'settings', 'site.yaml'), 'x: 1\n');
    writeFileSync(join(root, 'dist', 'form-shell', 'index.html'), '<html></html>');
    writeFileSync(join(root, 'dist', 'staff-shell', 'index.html'), '<html></html>');
    return root;
  };

  it('finds nothing missing in a complete folder, and names each missing file with its setting', () => {
    const root = folder();
    const env = { CONTENT_DIR: join(root, 'content'), STATIC_DIR: join(root, 'dist') };
    expect(missingRuntimeFiles(env)).toEqual([]);
    const problems = missingRuntimeFiles({ ...env, CONTENT_DIR: join(root, 'nowhere') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(join(root, 'nowhere', 'settings', 'site.yaml'));
    expect(problems[0]).toContain('Set CONTENT_DIR');
    expect(problems[0]).toContain('included_files');
  });

  it('stops a function on a platform at load, but not locally', () => {
    const root = folder();
    const platform = {
      AWS_LAMBDA_FUNCTION_NAME: 'opt-out',
      DATABASE_URL: 'postgres://127.0.0.1/cs',
      SMTP_URL: 'smtp://127.0.0.1:25',
      PUBLIC_URL: 'https://record.example',
      ...keys,
      STATIC_DIR: join(root, 'dist'),
    };
    expect(() => checkAtStart({ ...platform, CONTENT_DIR: join(root, 'content') })).not.toThrow();
    expect(() => checkAtStart({ ...platform, CONTENT_DIR: join(root, 'gone') })).toThrow(/site\.yaml.*CONTENT_DIR/s);
    expect(() => checkAtStart({ STATIC_DIR: join(root, 'gone') })).not.toThrow();
  });
});
