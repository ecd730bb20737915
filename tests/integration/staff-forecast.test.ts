import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import retentionFunction from '../../functions/retention.ts';
import { todayInLondon } from '../../src/domain/calendar-date.ts';
import type { OptOutStatus } from '../../src/domain/opt-out.ts';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { staffUsers } from '../../src/server/db/staff-schema.ts';
import { startRetentionTimer } from '../../src/server/retention.ts';
import { installServices } from '../../src/server/services.ts';
import { forecastBacklog, lastWorkingDays } from '../../src/server/staff/forecast.ts';
import { alertOnForecastBreach } from '../../src/server/staff/forecast-alert.ts';
import { transparencyResponse } from '../../src/server/transparency/page.tsx';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { insertOptOut } from '../support/staff-reports-rows.ts';
import { freshStoreEachTest } from '../support/store-services.ts';
import { describeEachStore } from '../support/stores.ts';
import { addStaff } from './staff-queues-fixtures.ts';

/** Tuesday 15 December 2026, noon in London (GMT, so London and UTC read the same). */
const TUESDAY = new Date('2026-12-15T12:00:00Z');
const WEDNESDAY = new Date('2026-12-16T12:00:00Z');
const at = (day: string, time = '10:00') => new Date(`2026-12-${day}T${time}:00Z`);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** The opt-out backlog forecast on the staff home, and the alert to IG officers (issue 19, item 4). */
describeEachStore('the opt-out backlog forecast', (open) => {
  const current = freshStoreEachTest(open);
  const db = () => current.store.db;

  const add = (count: number, values: Parameters<typeof insertOptOut>[2]) =>
    Promise.all(Array.from({ length: count }, () => insertOptOut(db(), current.services.keyring, values)));
  const waiting = (count: number, status: OptOutStatus) => add(count, { status });

  /**
   * 24 waiting, and 8 finished on the 5 working days before Tuesday 15 December (Tue 8 to Mon 14):
   * 3 applied on the 8th, 2 rejected on the 10th, 1 applied on Friday the 11th, 1 withdrawn by
   * the person on the 14th and 1 applied on the 14th then withdrawn today (counted once, when
   * applied). Outside the window: applied on Monday 7th, on Saturday 12th and today.
   */
  async function fixtures() {
    await waiting(10, 'received');
    await waiting(8, 'contact-confirmed');
    await waiting(6, 'identity-checked');
    await add(3, { status: 'applied', appliedAt: at('08') });
    await add(2, { status: 'rejected', rejectedAt: at('10') });
    await add(1, { status: 'applied', appliedAt: at('11', '23:30') });
    await add(1, { status: 'withdrawn', withdrawnAt: at('14') });
    await add(1, { status: 'withdrawn', appliedAt: at('14'), withdrawnAt: at('15', '09:00') });
    await add(1, { status: 'applied', appliedAt: at('07') });
    await add(1, { status: 'applied', appliedAt: at('12') });
    await add(1, { status: 'applied', appliedAt: at('15', '09:00') });
  }

  it('forecasts from the backlog and the last 5 working days, skipping weekends and bank holidays', async () => {
    await fixtures();
    const forecast = await forecastBacklog(db(), TUESDAY, 10);
    expect(forecast.backlog).toBe(24);
    expect(forecast.days).toEqual([
      { date: '2026-12-08', finished: 3 },
      { date: '2026-12-09', finished: 0 },
      { date: '2026-12-10', finished: 2 },
      { date: '2026-12-11', finished: 1 },
      { date: '2026-12-14', finished: 2 },
    ]);
    expect(forecast.perDay).toBe(1.6);
    // 24 ÷ 1.6 = 15 working days: past Christmas Day, the Boxing Day substitute (28th) and New Year's Day.
    expect(forecast.clearsInWorkingDays).toBe(15);
    expect(forecast.clearsOn).toBe('2027-01-08');
    expect(forecast.promiseDate).toBe('2026-12-31');
    expect(forecast.breaches).toBe(true);
  });

  const home = async (roles: Parameters<typeof activeStaff>[1], now = TUESDAY) => {
    const staff = await activeStaff(current.services, roles, { now });
    const { token } = await sessionFor(current.services, staff.id, 'active', now);
    return text(await (await staffRequest(current.services, { method: 'GET', path: '/staff/', token, now })).text());
  };

  it('shows an IG officer the backlog, the throughput table and the date it clears against the promise', async () => {
    await fixtures();
    const page = await home(['ig']);
    expect(page).toContain('Opt-out backlog forecast');
    expect(page).toContain('Waiting for a staff step: 24');
    expect(page).toContain('Finished on an average working day: 1.6');
    expect(page).toContain('At this rate the backlog clears on 8 January 2027, in 15 working days.');
    expect(page).toContain('later than our promise of 10 working days (31 December 2026)');
    expect(page).toContain('8 December 2026 3 ');
    expect(page).toContain('14 December 2026 2 ');
    expect(await home(['comms'])).not.toContain('Opt-out backlog forecast');
  });

  it('says when the backlog clears within the promise', async () => {
    await waiting(4, 'received');
    await add(10, { status: 'applied', appliedAt: at('14') });
    const page = await home(['ig']);
    // 4 ÷ (10 ÷ 5) = 2 working days.
    expect(page).toContain('At this rate the backlog clears on 17 December 2026, in 2 working days.');
    expect(page).toContain('That is within our promise of 10 working days (31 December 2026).');
  });

  it('says there is not enough data to forecast when nothing was finished, and emails nobody', async () => {
    await waiting(30, 'received');
    await addStaff(current.services, 'Ida Officer', ['ig']);
    expect(await home(['ig'])).toContain(
      'Not enough data to forecast: no opt-outs were finished in the last 5 working days.',
    );
    expect(await alertOnForecastBreach({ ...current.services, db: db(), now: () => TUESDAY })).toEqual({
      breaches: false,
      queued: 0,
    });
  });

  const alert = (now: Date) => alertOnForecastBreach({ ...current.services, db: db(), now: () => now });
  const alerts = () => db().select().from(outboxMessages).where(eq(outboxMessages.template, 'staff-forecast-breach'));

  it('emails each active IG officer once a day while the forecast misses the promise', async () => {
    await fixtures();
    const officer = await addStaff(current.services, 'Ida Officer', ['ig', 'comms']);
    await addStaff(current.services, 'Colm Comms', ['comms']);
    const gone = await addStaff(current.services, 'Gone Officer', ['ig']);
    await db().update(staffUsers).set({ status: 'disabled' }).where(eq(staffUsers.id, gone));

    expect(await alert(TUESDAY)).toEqual({ breaches: true, queued: 1 });
    const [first] = await alerts();
    expect(first?.dedupeKey).toBe(`staff-forecast:2026-12-15:${officer}`);
    // Counts and dates only: nothing about any resident.
    expect(
      decryptJson(
        current.services.keyring,
        first?.paramsEncrypted ?? '',
        slotOf(outboxMessages.paramsEncrypted, first?.dedupeKey ?? ''),
      ),
    ).toEqual({
      backlog: '24',
      clearsInWorkingDays: '15',
      clearsOn: '2027-01-08',
      promiseWorkingDays: '10',
      promiseDate: '2026-12-31',
      sampleDays: '5',
    });

    // The job runs every 15 minutes: later the same day, nothing more.
    expect(await alert(new Date(TUESDAY.getTime() + 15 * 60 * 1000))).toEqual({ breaches: true, queued: 0 });
    expect(await alert(new Date('2026-12-15T23:45:00Z'))).toEqual({ breaches: true, queued: 0 });
    expect(await alerts()).toHaveLength(1);

    // The next day, still breaching: one more.
    expect(await alert(WEDNESDAY)).toEqual({ breaches: true, queued: 1 });
    expect((await alerts()).map((row) => row.dedupeKey).sort()).toEqual([
      `staff-forecast:2026-12-15:${officer}`,
      `staff-forecast:2026-12-16:${officer}`,
    ]);
  });

  it('emails nobody while the forecast keeps the promise', async () => {
    await waiting(4, 'received');
    await add(10, { status: 'applied', appliedAt: at('14') });
    await addStaff(current.services, 'Ida Officer', ['ig']);
    expect(await alert(TUESDAY)).toEqual({ breaches: false, queued: 0 });
    expect(await alerts()).toHaveLength(0);
  });

  /** /transparency/ as a resident sees it, with the comms team's switch on or off. */
  const publicPage = async (on: boolean) => {
    const services = { ...current.services, settings: { ...current.services.settings, transparencyForecast: on } };
    const response = await transparencyResponse(services, TUESDAY);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The forecast section's HTML. */
  const forecastHtml = (page: string) =>
    page.slice(page.indexOf('How soon we set up opt-outs'), page.indexOf('What you sent us'));
  const forecastText = (page: string) => text(forecastHtml(page));
  /** Its sentences, as the reading-age gate scores them: paragraphs, not table cells. */
  const forecastProse = (page: string) =>
    [...forecastHtml(page).matchAll(/<p>(.*?)<\/p>/gs)].map((match) => text(match[1] ?? '')).join(' ');

  it('is on /transparency/ only when the comms team turns it on, with numbers under 5 hidden and the rest rounded', async () => {
    await fixtures();
    expect(await publicPage(false)).not.toContain('How soon we set up opt-outs');
    const page = await publicPage(true);
    const shown = forecastText(page);
    expect(shown).toContain('within 10 working days of checking who you are');
    // 24 waiting rounds to 20; days of 3, 0, 2, 1 and 2 are each hidden; the total of 8 rounds to 10.
    expect(shown).toContain('Opt-outs we are still working on: 20.');
    expect(shown).toContain('8 December 2026 fewer than 5');
    expect(shown).toContain('9 December 2026 fewer than 5');
    expect(shown).toContain('14 December 2026 fewer than 5');
    expect(shown).toContain('Total 10');
    expect(shown).toContain(
      'we will finish the ones waiting now by 8 January 2027. That is 15 working days from today.',
    );
    expect(shown).toContain('This is later than our promise.');
    const { readingAge, longSentences } = readingAgeOf(forecastProse(page));
    expect(longSentences).toEqual([]);
    expect(readingAge).toBeLessThanOrEqual(current.services.settings.readingAgeTarget);
  });

  it('leaves the date off /transparency/ when it would give away a number under 5', async () => {
    await waiting(4, 'received');
    await add(10, { status: 'applied', appliedAt: at('14') });
    const shown = forecastText(await publicPage(true));
    expect(shown).toContain('Opt-outs we are still working on: fewer than 5.');
    expect(shown).toContain('We cannot say when we will finish yet.');
    expect(shown).not.toContain('working days from today');
  });

  /** A breach as of the real clock (the scheduled job reads it): 30 waiting, 1 finished in 5 working days. */
  async function breachToday() {
    await waiting(30, 'received');
    const [day] = lastWorkingDays(todayInLondon(new Date()), 5).slice(-1);
    await add(1, { status: 'applied', appliedAt: new Date(`${day}T12:00:00Z`) });
    await addStaff(current.services, 'Ida Officer', ['ig']);
  }

  it("is sent by the local server's retention timer", async () => {
    await breachToday();
    const { db: database } = current.store;
    const stop = startRetentionTimer({ ...current.services, db: database }, 60 * 60 * 1000);
    await stop();
    expect(await alerts()).toHaveLength(1);
  });

  it('is sent by the Netlify scheduled function, which still answers with the deletion counts', async () => {
    await breachToday();
    installServices(current.services);
    const answer = (await (await retentionFunction()).json()) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual([
      'consultations',
      'drafts',
      'emails',
      'feedback',
      'optOuts',
      'pageComments',
      'rateLimits',
      'subscriptions',
    ]);
    expect(await alerts()).toHaveLength(1);
  });
});
