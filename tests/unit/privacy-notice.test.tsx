import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ControllerList } from '../../src/components/privacy/ControllerList.tsx';
import { PartnerSharingTable } from '../../src/components/privacy/PartnerSharingTable.tsx';
import { WebsiteDataSection } from '../../src/components/privacy/WebsiteDataSection.tsx';
import { organisationSchema } from '../../src/schemas/organisation.ts';
import { type SettingsData, settingsSchema } from '../../src/schemas/settings.ts';
import {
  organisationTypesWithoutSharingRow,
  PARTNERS_PATH,
  uncoveredOrganisationTypes,
  WEBSITE_DATA_PATH,
  websiteFormAnchor,
  websiteFormLink,
} from '../../src/utils/privacy-notice.ts';

/**
 * Issue 14, items 1 and 3: the privacy notice's sections on the website's own forms, the
 * controllers and the partners are generated from content/settings/site.yaml, so a change to
 * the settings changes what residents read, and nothing listed on /organisations/ is left out.
 */

const contentDir = join(import.meta.dirname, '..', '..', 'content');
const shipped = (): SettingsData =>
  settingsSchema().parse(parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8')));
const organisations = readdirSync(join(contentDir, 'organisations'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => organisationSchema().parse(parse(readFileSync(join(contentDir, 'organisations', name), 'utf8'))));

/** The words a reader meets: tags dropped, React's entities decoded, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The text of one form's section in "What this website collects". */
function formSection(settings: SettingsData, form: string): string {
  const html = renderToStaticMarkup(<WebsiteDataSection settings={settings} />);
  const start = html.indexOf(`<section aria-labelledby="website-${form}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return textOf(html.slice(start, html.indexOf('</section>', start)));
}

describe('what this website collects, in the privacy notice', () => {
  it('covers the email updates sign-up and consultations, with the periods the deletion job uses', () => {
    const settings = shipped();
    expect(formSection(settings, 'email-updates')).toContain('If you do not confirm it within 7 days');
    expect(formSection(settings, 'consultation')).toContain(
      `${settings.retention.consultationAnswerDays} days after you answered`,
    );
    const changed = shipped();
    changed.retention = { ...changed.retention, consultationAnswerDays: 200 };
    expect(formSection(changed, 'consultation')).toContain('200 days after you answered');
  });

  it('gives the retention periods the deletion job uses, and changes when the settings change', () => {
    const settings = shipped();
    expect(formSection(settings, 'contact')).toContain(`${settings.retention.closedFeedbackDays} days after we close`);
    expect(formSection(settings, 'opt-out')).toContain(
      `${settings.retention.appliedOptOutDays} days after your choice`,
    );
    expect(formSection(settings, 'opt-out')).toContain(`emails we send you ${settings.retention.sentEmailDays} days`);

    const changed = shipped();
    changed.retention = { ...changed.retention, closedFeedbackDays: 123, appliedOptOutDays: 45, sentEmailDays: 14 };
    expect(formSection(changed, 'contact')).toContain('123 days after we close');
    expect(formSection(changed, 'contact')).not.toContain(
      `${settings.retention.closedFeedbackDays} days after we close`,
    );
    expect(formSection(changed, 'opt-out')).toContain('45 days after your choice');
    expect(formSection(changed, 'opt-out')).toContain('emails we send you 14 days');
  });

  it("shows each form's purpose, lawful basis and processors from the settings", () => {
    const settings = shipped();
    const contact = settings.websiteData.forms.find((f) => f.form === 'contact');
    if (!contact) throw new Error('the shipped settings have no contact form entry');
    contact.purpose = 'To answer the question you sent us.';
    contact.lawfulBasis = 'A made-up basis for this test (Article 6(1)(x)).';
    const hosting = settings.websiteData.processors.find((p) => p.id === 'hosting');
    if (!hosting) throw new Error('the shipped settings have no hosting processor');
    hosting.name = 'Test Hosting Ltd';
    hosting.transfer = 'Test: the data goes to Narnia.';

    const section = formSection(settings, 'contact');
    expect(section).toContain('To answer the question you sent us.');
    expect(section).toContain('A made-up basis for this test (Article 6(1)(x)).');
    expect(section).toContain('Test Hosting Ltd');
    const whole = textOf(renderToStaticMarkup(<WebsiteDataSection settings={settings} />));
    expect(whole).toContain('Test: the data goes to Narnia.');
  });

  it('has one section per form in the settings, each with the anchor the contact page links to', () => {
    const settings = shipped();
    const html = renderToStaticMarkup(<WebsiteDataSection settings={settings} />);
    for (const { form } of settings.websiteData.forms) expect(html).toContain(`id="${websiteFormAnchor(form)}"`);
    expect(settings.websiteData.forms.map((f) => f.form)).toContain('contact');
    const contactPage = readFileSync(
      join(import.meta.dirname, '..', '..', 'src', 'pages', 'contact', 'index.astro'),
      'utf8',
    );
    // The contact page builds its link from the same anchor function the section uses.
    expect(contactPage).toContain("href={websiteFormLink('contact')}");
    expect(websiteFormLink('contact')).toBe(`/privacy-notice/website/#${websiteFormAnchor('contact')}`);
  });

  it('says the companies are examples while the settings say so, and not after', () => {
    const settings = shipped();
    settings.websiteData.example = true;
    expect(textOf(renderToStaticMarkup(<WebsiteDataSection settings={settings} />))).toContain('are examples');
    settings.websiteData.example = false;
    expect(textOf(renderToStaticMarkup(<WebsiteDataSection settings={settings} />))).not.toContain('are examples');
  });

  it('refuses settings where a form names a processor that is not listed', () => {
    const raw = parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8'));
    raw.websiteData.forms[0].processors = ['hosting', 'carrier-pigeon'];
    const result = settingsSchema().safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(
      `Add a processor with the id "carrier-pigeon", or remove it from the ${raw.websiteData.forms[0].form} form`,
    );
  });
});

describe('the controllers and partners, in the privacy notice', () => {
  it('lists every controller in the settings with its contact details', () => {
    const settings = shipped();
    const text = textOf(renderToStaticMarkup(<ControllerList controllers={settings.dataControllers} />));
    for (const controller of settings.dataControllers) {
      expect(text).toContain(controller.name);
      expect(text).toContain(controller.contact);
    }
    const added = [
      ...settings.dataControllers,
      { name: 'Test Care Ltd', contact: 'Email test@care.example', covers: [] },
    ];
    expect(textOf(renderToStaticMarkup(<ControllerList controllers={added} />))).toContain('Email test@care.example');
  });

  it('covers every kind of organisation on /organisations/ with a controller and a row in the partner table', () => {
    const settings = shipped();
    expect(uncoveredOrganisationTypes(settings, organisations)).toEqual([]);
    expect(organisationTypesWithoutSharingRow(settings, organisations)).toEqual([]);

    const withoutHospices = {
      ...settings,
      dataControllers: settings.dataControllers.filter((c) => !c.covers.includes('hospice')),
    };
    expect(uncoveredOrganisationTypes(withoutHospices, organisations)).toEqual(['hospice']);
  });

  it('lists the 24 care homes the update says joined', () => {
    const update = readFileSync(join(contentDir, 'updates', 'care-home-records-now-shared.md'), 'utf8');
    const claimed = /(\d+) care homes/.exec(update)?.[1];
    expect(organisations.filter((o) => o.type === 'care-home')).toHaveLength(Number(claimed));
  });

  it('shows, per kind of partner, what it shares, whether it looks or adds, and whether it names the person', () => {
    const settings = shipped();
    const rows = settings.partnerSharing.map((row) =>
      row.type === 'ambulance-service' ? { ...row, access: 'views-and-adds' as const, identifies: false } : row,
    );
    const text = textOf(renderToStaticMarkup(<PartnerSharingTable rows={rows} />));
    for (const row of settings.partnerSharing) expect(text).toContain(row.shares);
    const ambulance = text.slice(text.indexOf('Ambulance services'), text.indexOf('Out-of-hours GP services'));
    expect(ambulance).toContain('Looks and adds');
    expect(ambulance).toMatch(/Does it name you\? No/);
  });
});

describe('the privacy notice text', () => {
  const notice = readFileSync(join(contentDir, 'pages', 'privacy-notice.md'), 'utf8');

  it('no longer says the scheme never gets information from people directly', () => {
    expect(notice).not.toContain('We do not get your information from you directly');
  });

  it('links only to sections its second-layer pages have', () => {
    const settings = shipped();
    // The partners and what this website collects are the notice's second layer, pages of their
    // own made from the settings: the notice links there, to anchors those pages have.
    expect(notice).not.toMatch(
      /\]\(#(data-controllers|what-this-website-collects|what-each-partner-shares|website-[a-z-]+)\)/,
    );
    const layers = [
      { path: WEBSITE_DATA_PATH, html: renderToStaticMarkup(<WebsiteDataSection settings={settings} />) },
      {
        path: PARTNERS_PATH,
        html: [
          renderToStaticMarkup(<ControllerList controllers={settings.dataControllers} />),
          renderToStaticMarkup(<PartnerSharingTable rows={settings.partnerSharing} />),
        ].join(''),
      },
    ];
    for (const { path, html } of layers) {
      const links = [...notice.matchAll(/\]\((\/privacy-notice\/[a-z]+\/)(#[a-z-]+)?\)/g)].filter((m) => m[1] === path);
      expect(links.length, path).toBeGreaterThanOrEqual(2);
      for (const [, , anchor] of links) if (anchor) expect(html).toContain(`id="${anchor.slice(1)}"`);
    }
    expect(notice).toContain('](/privacy-notice/partners/#data-controllers)');
    expect([WEBSITE_DATA_PATH, PARTNERS_PATH]).toEqual(['/privacy-notice/website/', '/privacy-notice/partners/']);
  });
});
