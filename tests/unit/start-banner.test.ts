import { expect, it } from 'vitest';
import { startBanner } from '../../src/server/start-banner.ts';

it('ends npm start with where the site is, where email and data go, and how to make the first admin', () => {
  const banner = startBanner({
    url: 'http://127.0.0.1:4321/',
    database: 'pglite',
    mail: 'file',
    dataDir: './data',
    staffAccounts: 0,
  });
  expect(banner).toContain('Clearshare is running at http://127.0.0.1:4321/');
  expect(banner).toContain('data/mail/');
  expect(banner).toContain('PGlite database in ./data/');
  expect(banner).toContain('npm run staff -- add --email you@example.nhs.uk --name "Your Name" --role admin');
  expect(banner).toContain('stop the server first');
  expect(banner.trim().split('\n').length).toBeLessThanOrEqual(10);
});

it('names the configured services without printing their connection strings', () => {
  const banner = startBanner({
    url: 'http://0.0.0.0:8080/',
    processes: 2,
    database: 'postgres',
    mail: 'smtp',
    dataDir: './data',
    staffAccounts: 0,
  });
  expect(banner).toContain('(2 processes)');
  expect(banner).toContain('PostgreSQL database in DATABASE_URL');
  expect(banner).toContain('SMTP server in SMTP_URL');
  expect(banner).not.toContain('stop the server first');
});

it('does not tell someone whose staff already have accounts that there are none, nor how to make the first admin', () => {
  const banner = startBanner({
    url: 'http://127.0.0.1:4321/',
    database: 'pglite',
    mail: 'file',
    dataDir: './data',
    staffAccounts: 2,
  });
  expect(banner).toContain('Staff:  http://127.0.0.1:4321/staff/ has 2 accounts; an admin invites more from there');
  expect(banner).not.toContain('has no accounts');
  expect(banner).not.toContain('npm run staff -- add');
  expect(
    startBanner({
      url: 'http://127.0.0.1:4321/',
      database: 'postgres',
      mail: 'smtp',
      dataDir: './data',
      staffAccounts: 1,
    }),
  ).toContain('has 1 account;');
});
