import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadEnv, publicUrl } from '../../src/server/env.ts';

describe('the environment is checked once, at start-up', () => {
  it('starts on embedded defaults with nothing set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: 4321, DATA_DIR: './data' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(publicUrl(env)).toBe('http://127.0.0.1:4321');
  });

  it('refuses to start in production without PostgreSQL, and says why', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' })).toThrow(
      /DATABASE_URL is required in production.*PGlite/s,
    );
  });

  it('refuses several server processes on the embedded database, which lives in one process', () => {
    expect(() => loadEnv({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY above 1 needs DATABASE_URL/);
    expect(loadEnv({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/clearshare' }).WEB_CONCURRENCY).toBe(2);
  });

  it('refuses production without SMTP or outside keys', () => {
    const error = (() => {
      try {
        loadEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/clearshare' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toContain('SMTP_URL');
    expect(problems).toContain('FIELD_ENCRYPTION_KEYS');
    expect(problems).toContain('LOOKUP_HMAC_KEY');
  });

  it('names a malformed value in plain words without echoing it', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    expect(() => loadEnv({ DATABASE_URL: 'mysql://user:hunter2@db' })).not.toThrow(/hunter2/);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('counts one trusted proxy unless told otherwise, and explains a wrong TRUSTED_PROXY_HOPS', () => {
    expect(loadEnv({}).TRUSTED_PROXY_HOPS).toBe(1);
    expect(loadEnv({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const wrong of ['0', 'two', '1.5', '11']) {
      expect(() => loadEnv({ TRUSTED_PROXY_HOPS: wrong })).toThrow(
        /TRUSTED_PROXY_HOPS must be a whole number from 1 to 10: how many proxies/,
      );
    }
  });
});
