import { z } from 'zod';
import { formatDate, t } from '../../i18n/t.ts';
import { defineTemplate, reference } from './define-template.ts';

/**
 * Emails staff send from the back office queues. Unlike the automatic emails these carry words a
 * member of staff wrote for this person (a reply, a reason for refusing an opt-out), so their
 * parameters are as sensitive as the item itself: the outbox keeps them encrypted, and they are
 * rendered only at send time. Staff are told on the reply form not to put health details in email.
 */

export const staffQueuesTemplates = {
  /** A reply to something sent through the contact form, written by a comms or IG officer. */
  'staff-feedback-reply': defineTemplate({
    params: z.object({ reference: reference(), reply: z.string().min(1).max(10_000) }),
    render: ({ reference, reply }, { schemeName, siteUrl }) => ({
      subject: t('staffQueues.email.reply.subject', { scheme: schemeName, reference }),
      text: [reply, t('staffQueues.email.reply.footer', { reference }), `${siteUrl}/contact/`, schemeName].join('\n\n'),
    }),
  }),
  /**
   * Tells the person their rights request will take longer, why, and the new date: UK GDPR
   * Art. 12(3) requires this, with the reasons, within the first month.
   */
  'staff-feedback-extension': defineTemplate({
    params: z.object({
      reference: reference(),
      reason: z.string().min(1).max(2000),
      respondBy: z.iso.date(),
      /** "1" or "2" further months (template parameters are strings). */
      months: z.enum(['1', '2']),
    }),
    render: ({ reference, reason, respondBy, months }, { schemeName, siteUrl }) => ({
      subject: t('staffQueues.email.extension.subject', { scheme: schemeName, reference }),
      text: t('staffQueues.email.extension.body', {
        reference,
        reason,
        period: t(months === '1' ? 'staffQueues.extend.one' : 'staffQueues.extend.two'),
        date: formatDate(new Date(`${respondBy}T12:00:00Z`)),
        contactUrl: `${siteUrl}/contact/`,
        scheme: schemeName,
      }),
    }),
  }),
  /**
   * Tells an IG officer the opt-out backlog will not clear within the promise to residents
   * (src/server/staff/forecast-alert.ts). Counts and dates only: nothing about any person.
   */
  'staff-forecast-breach': defineTemplate({
    params: z.object({
      backlog: z.string().regex(/^\d+$/),
      clearsInWorkingDays: z.string().regex(/^\d+$/),
      clearsOn: z.iso.date(),
      promiseWorkingDays: z.string().regex(/^\d+$/),
      promiseDate: z.iso.date(),
      /** How many working days the rate was measured over. */
      sampleDays: z.string().regex(/^\d+$/),
    }),
    render: (params, { schemeName, siteUrl, staffUrl }) => ({
      subject: t('staffAuth.home.forecast.email.subject', { scheme: schemeName, promise: params.promiseWorkingDays }),
      text: t('staffAuth.home.forecast.email.body', {
        days: params.sampleDays,
        backlog: Number(params.backlog).toLocaleString('en-GB'),
        clearsOn: formatDate(new Date(`${params.clearsOn}T12:00:00Z`)),
        workingDays: params.clearsInWorkingDays,
        promise: params.promiseWorkingDays,
        promiseDate: formatDate(new Date(`${params.promiseDate}T12:00:00Z`)),
        homeUrl: `${staffUrl ?? siteUrl}/staff/`,
        scheme: schemeName,
      }),
    }),
  }),
  /** Tells the person their opt-out request was refused, and why, and what they can do. */
  'staff-opt-out-rejected': defineTemplate({
    params: z.object({ reference: reference(), reason: z.string().min(1).max(2000), phone: z.string().min(6) }),
    render: ({ reference, reason, phone }, { schemeName, siteUrl }) => ({
      subject: t('staffQueues.email.rejected.subject', { scheme: schemeName, reference }),
      text: t('staffQueues.email.rejected.body', {
        reference,
        reason,
        phone,
        contactUrl: `${siteUrl}/contact/`,
        scheme: schemeName,
      }),
    }),
  }),
};
