import { getEntry } from 'astro:content';
import QRCode from 'qrcode';
import type { ToolkitData } from '../../schemas/toolkit.ts';
import { getSettings } from '../../utils/settings.ts';
import { checkTextMessage, type EasyReadPoint, easyReadPoints, fillText } from './toolkit-text.ts';

/**
 * Everything the toolkit's pages print, gathered from the content collections at build time:
 * the toolkit's own words (content/toolkit/toolkit.yaml) with the settings filled in, the summaries
 * of the "what is it" and "your choices" pages, the Easy Read points, and a QR code to the site.
 */
export interface ToolkitContent {
  scheme: string;
  link: string;
  phone: string;
  phoneHours: string;
  postalAddress: string[];
  intro: string;
  audiences: { name: string; use: string }[];
  whatItIs: string;
  yourChoices: string;
  posterAction: string;
  letter: string[];
  script: { question: string; answer: string }[];
  textMessage: string;
  socialPosts: string[];
  newsletter: string;
  easyRead: EasyReadPoint[];
  /** Headings and short lines, {placeholders} filled. */
  labels: ToolkitData['labels'];
  /** An SVG QR code to the site's home page, made when the site is built. */
  qrSvg: string;
  /** When the build read the content: the moment every item was last generated from it. */
  generatedAt: Date;
}

function required<T>(found: T | undefined, what: string): T {
  if (!found) throw new Error(`${what} is missing: the partner toolkit (/toolkit/) is made from it`);
  return found;
}

export async function getToolkitContent(site: URL | undefined): Promise<ToolkitContent> {
  const settings = await getSettings();
  const toolkit = required(await getEntry('toolkit', 'toolkit'), 'content/toolkit/toolkit.yaml').data;
  const whatItIs = required(
    await getEntry('pages', 'what-is-the-shared-care-record'),
    'content/pages/what-is-the-shared-care-record.md',
  );
  const choices = required(await getEntry('pages', 'your-choices'), 'content/pages/your-choices.md');
  const easyRead = required(
    await getEntry('easyRead', toolkit.easyReadPage),
    `content/easy-read/${toolkit.easyReadPage}.md`,
  );
  if (!site)
    throw new Error("The site address (SITE_URL, astro.config.mjs) is needed for the toolkit's links and QR code");
  const link = new URL('/', site).href;
  const values = { scheme: settings.schemeName, area: settings.area, link, phone: settings.contact.phone };
  const fill = (text: string) => fillText(text, values);
  return {
    scheme: settings.schemeName,
    link,
    phone: settings.contact.phone,
    phoneHours: settings.contact.phoneHours,
    postalAddress: [...settings.contact.postalAddress.lines, settings.contact.postalAddress.postcode],
    intro: fill(toolkit.intro),
    audiences: toolkit.audiences,
    whatItIs: whatItIs.data.description,
    yourChoices: choices.data.description,
    posterAction: fill(toolkit.posterAction),
    letter: toolkit.letter.map(fill),
    script: toolkit.script.map(({ question, answer }) => ({ question, answer: fill(answer) })),
    textMessage: checkTextMessage(fill(toolkit.textMessage)),
    socialPosts: toolkit.socialPosts.map(fill),
    newsletter: fill(toolkit.newsletter),
    labels: { ...toolkit.labels, callUs: fill(toolkit.labels.callUs) },
    easyRead: easyReadPoints(easyRead.body ?? '', toolkit.easyReadSections),
    // Error correction M survives a scuffed or folded poster; the quiet zone of 4 modules is the standard's.
    qrSvg: await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
    generatedAt: new Date(),
  };
}
