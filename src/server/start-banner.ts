import { join } from 'node:path';

/**
 * What `npm start` prints last, for someone who has just cloned the project: where the site is,
 * where its email and data go, and, while there are no staff accounts yet, how to make the first.
 * Connection strings are never printed: they can hold a password.
 */
export function startBanner(options: {
  url: string;
  processes?: number;
  database: 'pglite' | 'postgres';
  mail: 'file' | 'smtp';
  dataDir: string;
  /** How many staff accounts the database holds, in any state (invited, active, disabled). */
  staffAccounts: number;
}): string {
  const { url, processes = 1, database, mail, dataDir, staffAccounts } = options;
  const lines = [
    `Clearshare is running at ${url}${processes > 1 ? ` (${processes} processes)` : ''}`,
    '',
    mail === 'file'
      ? `Email:  written as .eml files to ${join(dataDir, 'mail')}/ (set SMTP_URL to send it)`
      : 'Email:  sent through the SMTP server in SMTP_URL',
    database === 'pglite'
      ? `Data:   an embedded PGlite database in ${dataDir}/ (set DATABASE_URL for PostgreSQL)`
      : 'Data:   the PostgreSQL database in DATABASE_URL',
    // Counted as the server starts: a newcomer is told how to make the first admin, and someone
    // whose team already signs in is not told there are no accounts.
    ...(staffAccounts === 0
      ? [
          `Staff:  ${url}staff/ has no accounts until you make the first admin${
            database === 'pglite' ? ' (stop the server first: the embedded database has one user)' : ''
          }:`,
          '        npm run staff -- add --email you@example.nhs.uk --name "Your Name" --role admin',
        ]
      : [
          `Staff:  ${url}staff/ has ${staffAccounts} ${staffAccounts === 1 ? 'account' : 'accounts'}; an admin invites more from there`,
        ]),
    '',
    'Stop it with Ctrl+C.',
  ];
  return `\n${lines.map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}\n\n`;
}
