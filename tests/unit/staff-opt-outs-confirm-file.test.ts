import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import { readConfirmStream } from '../../src/server/staff/opt-outs/confirm-file.ts';

/**
 * Issue 19, volume item 2: the record platform's confirmation file is read as strictly as its
 * match file. Each bad file is refused with a report naming the line and its problem; a good
 * one gives one compact row per request, whatever order its columns are in.
 */

const HEADINGS = 'Reference,Applied,Date applied,Reason not applied';
const bytes = (text: string) => [new TextEncoder().encode(text)];
const read = (...lines: string[]) => readConfirmStream(bytes(`${[HEADINGS, ...lines].join('\r\n')}\r\n`));
const messages = async (result: ReturnType<typeof read>) => {
  const outcome = await result;
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.problems.map((problem) => `${problem.line ?? '-'}: ${problem.message}`);
};

describe('the confirmation file', () => {
  it('reads shuffled, differently spelt headings with a byte-order mark, applied and not applied', async () => {
    const file = `\uFEFFreason_not_applied, DATE APPLIED ,reference,applied\n,2026-12-04,hk3bn7pd,Y\nNot registered at this practice,,HK3BN7PE,no\n`;
    const result = await readConfirmStream(bytes(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual([
      { line: 2, reference: 'HK3BN7PD', appliedOn: '2026-12-04', reason: null },
      { line: 3, reference: 'HK3BN7PE', appliedOn: null, reason: 'Not registered at this practice' },
    ]);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names wrong, missing and repeated columns on line 1', async () => {
    const problems = await messages(readConfirmStream(bytes('Reference,NHS number,Applied,Applied\nHK3BN7PD,1,Y,Y\n')));
    expect(problems).toEqual([
      '1: the column "NHS number" is not one a confirmation file has. Remove it, or check the headings.',
      '1: the column "Applied" is there more than once.',
      '1: the column "Date applied" is missing.',
      '1: the column "Reason not applied" is missing.',
    ]);
  });

  it('refuses a reference given twice, naming both lines', async () => {
    const problems = await messages(read('HK3BN7PD,Y,2026-12-04,', 'HK3BN7PE,Y,2026-12-04,', 'hk3bn7pd,Y,2026-12-04,'));
    expect(problems).toEqual(['4: reference HK3BN7PD is also on line 2. Each request can be on the file once.']);
  });

  it('refuses formulas, bad dates, a missing reason and Y or N in the wrong column, line by line', async () => {
    const problems = await messages(
      read(
        '=HYPERLINK("x"),Y,2026-12-04,',
        'HK3BN7PD,Y,04/12/2026,',
        'HK3BN7PE,N,,',
        'HK3BN7PF,maybe,2026-12-04,',
        'HK3BN7PG,Y,2026-12-04,but why',
        'HK3BN7PH,N,2026-12-04,Deceased',
        'HK3BN7PJ,N,,@SUM(1)',
      ),
    );
    expect(problems).toEqual([
      '2: the Reference cell starts with "=", which a spreadsheet would run as a formula. We never run formulas: the file is refused. Check it came from the record platform unchanged.',
      '3: the Date applied cell says "04/12/2026". Enter the day it was applied as year-month-day, like 2026-12-04.',
      '4: Applied says N but there is no reason. Give the reason it was not applied.',
      '5: the Applied cell says "maybe". Enter Y or N.',
      '6: the Reason not applied cell has text but Applied says Y. Leave the reason empty when it was applied.',
      '7: Applied says N but there is a date applied. Leave the date empty when it was not applied.',
      '8: the Reason not applied cell starts with "@", which a spreadsheet would run as a formula. We never run formulas: the file is refused. Check it came from the record platform unchanged.',
    ]);
  });

  it('refuses Windows-1252, an empty file, headings with no rows and more than 100,000 rows', async () => {
    const windows1252 = Uint8Array.from([...new TextEncoder().encode(`${HEADINGS}\nHK3BN7PD,N,,Caf`), 0xe9, 0x0a]);
    expect((await messages(readConfirmStream([windows1252])))[0]).toContain('not saved as UTF-8');
    expect(await messages(readConfirmStream([]))).toEqual([
      '-: The file is empty. Upload the CSV file the record platform sent.',
    ]);
    expect(await messages(readConfirmStream(bytes(`${HEADINGS}\n`)))).toEqual([
      '-: The file has headings but no rows. Upload a file with at least one request in it.',
    ]);
    const many = `${HEADINGS}\n${'HK3BN7PD,Y,2026-12-04,\n'.repeat(100_001)}`;
    expect(await messages(readConfirmStream(bytes(many)))).toEqual([
      '-: The file has 100,001 rows. Upload at most 100,000 rows at a time: split the file, or ask the record platform for smaller batches.',
    ]);
  });
});

describe('the "your opt-out is in place" email', () => {
  const context = { siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' };
  const params = { reference: 'HK3BN7PD', appliedOn: '2026-12-04', phone: '0300 123 4567' };

  it('says when, what it means and how to change their mind, with none of the answers', () => {
    const email = renderTemplate('opt-out-applied', { ...params, lang: 'en' }, context);
    expect(email.subject).toBe('Clearshare: your opt-out HK3BN7PD is in place');
    expect(email.text).toContain('was put in place on 4 December 2026');
    expect(email.text).toContain('https://clearshare.example/opt-out/status/');
    expect(email.text).toContain('0300 123 4567');
  });

  it('is written in the language of the form: Polish and Urdu, with their status pages', () => {
    const pl = renderTemplate('opt-out-applied', { ...params, lang: 'pl' }, context);
    expect(pl.subject).toBe('Clearshare: Twoja rezygnacja HK3BN7PD została wprowadzona');
    expect(pl.text).toContain('4 grudnia 2026');
    expect(pl.text).toContain('https://clearshare.example/pl/opt-out/status/');
    const ur = renderTemplate('opt-out-applied', { ...params, lang: 'ur' }, context);
    expect(ur.subject).toContain('پر عمل ہو گیا');
    expect(ur.text).toContain('https://clearshare.example/ur/opt-out/status/');
    expect(ur.text).toContain('\u20660300 123 4567\u2069');
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => renderTemplate('opt-out-applied', { ...params, appliedOn: '4 Dec', lang: 'en' }, context)).toThrow();
  });
});
