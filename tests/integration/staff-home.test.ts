import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import type { Services } from '../../src/server/services.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addOptOut, complaint, optOutFields } from './staff-queues-fixtures.ts';

/** A staff home that says what needs doing (issue 19, item 6). */
describeEachStore('the staff home page', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
  });
  afterEach(async () => store.dispose());

  const wednesday = new Date('2026-11-25T10:00:00Z');
  const home = async (roles: Parameters<typeof activeStaff>[1]) => {
    const staff = await activeStaff(services, roles, { now: wednesday });
    const { token } = await sessionFor(services, staff.id, 'active', wednesday);
    return (await staffRequest(services, { method: 'GET', path: '/staff/', token, now: wednesday })).text();
  };
  /** The row of the "What needs doing" table for a queue, as text. */
  const row = (html: string, queue: string) => {
    const work = html.slice(html.indexOf('What needs doing'));
    return (work.slice(work.indexOf(`>${queue}</a>`)).split('</tr>')[0] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  };

  it('counts what is due today and overdue in each queue the person works, and emails not delivered', async () => {
    await addFeedback(services, complaint, '2026-11-20'); // acknowledge by 25 Nov: due today
    await addFeedback(services, complaint, '2026-11-16'); // acknowledge by 19 Nov: overdue
    const late = await addOptOut(services, { ...optOutFields, email: '' });
    await store.db
      .update(optOutRequests)
      .set({ status: 'identity-checked', identityCheckedAt: new Date('2026-11-02T10:00:00Z') })
      .where(eq(optOutRequests.reference, late));
    await store.db.update(outboxMessages).set({ status: 'dead' });

    const html = await home(['comms', 'ig']);
    expect(html).toContain('What needs doing');
    expect(row(html, 'Feedback')).toContain('1 due today');
    expect(row(html, 'Feedback')).toContain('1 overdue');
    expect(row(html, 'Opt-outs')).toContain('0 due today');
    expect(row(html, 'Opt-outs')).toContain('1 overdue');
    const dead = (await store.db.select().from(outboxMessages)).length;
    expect(html).toContain(dead === 1 ? '1 email not delivered' : `${dead} emails not delivered`);

    const comms = await home(['comms']);
    expect(comms).not.toContain('>Opt-outs</a>');
    expect(row(comms, 'Feedback')).toContain('1 overdue');
  });

  it('shows IG officers the retention settings the deletion job works to', async () => {
    const ig = (await home(['ig'])).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(ig).toContain('How long we keep personal data');
    expect(ig).toContain('Closed feedback: message and personal details deleted 365 days after closing');
    expect(ig).toContain('Applied opt-outs: personal details deleted 90 days after applying');
    expect(ig).toContain('Sent emails: deleted 30 days after sending');
    expect(await home(['comms'])).not.toContain('How long we keep personal data');
  });
});
