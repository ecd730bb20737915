import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkTextMessage,
  easyReadPoints,
  fillText,
  SMS_LIMIT,
  smsUnits,
} from '../../src/components/toolkit/toolkit-text.ts';
import { settingsSchema } from '../../src/schemas/settings.ts';
import { toolkitSchema } from '../../src/schemas/toolkit.ts';

/**
 * The partner toolkit's words (issue 18 part 3): placeholders filled from the settings, the text
 * message one SMS long with the real link, and the Easy Read points taken from the Easy Read page.
 */
const values = { scheme: 'Ashby Record', area: 'Ashby', link: 'https://example.org/', phone: '0113 496 0100' };

describe('partner toolkit text', () => {
  it('fills the scheme, area, link and phone into the comms team’s words', () => {
    expect(fillText('{scheme} in {area}: {link} or {phone}.', values)).toBe(
      'Ashby Record in Ashby: https://example.org/ or 0113 496 0100.',
    );
  });

  it('refuses a placeholder it cannot fill rather than printing "{name}" on a poster', () => {
    expect(() => fillText('Call {number}', values)).toThrow(/\{number\}/);
  });

  it('counts GSM-7 characters, two for the extended ones, and none fit when a curly quote is in', () => {
    expect(smsUnits('Hello [you]')).toBe(13);
    expect(smsUnits('It’s here')).toBeNull();
  });

  it('refuses a text message over 160 characters or with a character outside GSM-7', () => {
    expect(checkTextMessage('a'.repeat(SMS_LIMIT))).toHaveLength(SMS_LIMIT);
    expect(() => checkTextMessage('a'.repeat(SMS_LIMIT + 1))).toThrow(/161 characters/);
    expect(() => checkTextMessage('Don’t')).toThrow(/cannot send/);
  });

  it('the text message in content/toolkit, filled with the real settings and site address, fits one SMS', () => {
    const toolkit = toolkitSchema().parse(parse(readFileSync('content/toolkit/toolkit.yaml', 'utf8')));
    const settings = settingsSchema().parse(parse(readFileSync('content/settings/site.yaml', 'utf8')));
    const config = readFileSync('astro.config.mjs', 'utf8');
    const site = /process\.env\.SITE_URL \?\? '([^']+)'/.exec(config)?.[1];
    expect(site).toBeDefined();
    const link = new URL('/', site).href;
    const message = fillText(toolkit.textMessage, {
      scheme: settings.schemeName,
      area: settings.area,
      link,
      phone: settings.contact.phone,
    });
    expect(message).toContain(link);
    expect(smsUnits(message)).not.toBeNull();
    expect(smsUnits(message)).toBeLessThanOrEqual(SMS_LIMIT);
  });

  it('reuses the points of the named Easy Read sections, in the order asked, with links as words', () => {
    const markdown = [
      '## One',
      '![A phone](/images/easy-read/phone.svg) Call [us](/contact/).',
      '## Two',
      '![A clock](/images/easy-read/clock.svg) Wait.',
      '**Hard word.** Not a point.',
    ].join('\n');
    expect(easyReadPoints(markdown, ['Two', 'One'])).toEqual([
      { picture: '/images/easy-read/clock.svg', pictureAlt: 'A clock', text: 'Wait.' },
      { picture: '/images/easy-read/phone.svg', pictureAlt: 'A phone', text: 'Call us.' },
    ]);
    expect(() => easyReadPoints(markdown, ['Three'])).toThrow(/no section "Three"/);
  });
});
