import { getCollection } from 'astro:content';
import { formatDate, t } from '../i18n/t.ts';
import {
  eventsByDate,
  explanationPages,
  faqsByGroup,
  mythsInOrder,
  organisationsByName,
  storiesByTitle,
  updatesNewestFirst,
} from './collections.ts';
import { choiceById, getDecisionAid } from './decision-aid.ts';
import { meetingsNewestFirst } from './meetings.ts';
import { PARTNERS_PATH, WEBSITE_DATA_PATH, websiteFormSections } from './privacy-notice.ts';
import type { SearchDoc } from './search-index.ts';
import { getSettings } from './settings.ts';
import { plainText, snippet } from './text.ts';

/**
 * Every topic a resident can look up: the search index and the A to Z list on /search/ are both
 * made from this one list, so a page found by search is always in the A to Z too.
 */
export async function searchDocs(): Promise<SearchDoc[]> {
  const aid = getDecisionAid();
  const [pages, myths, groups, updates, events, stories, organisations, responses, consultations, meetings, settings] =
    await Promise.all([
      explanationPages(),
      mythsInOrder(),
      faqsByGroup(),
      updatesNewestFirst(),
      eventsByDate(),
      storiesByTitle(),
      organisationsByName(),
      getCollection('responses'),
      getCollection('consultations'),
      meetingsNewestFirst(),
      getSettings(),
    ]);
  const choicesText = aid.choices.map((c) => [c.name, c.stops, ...c.does, ...c.doesNot, ...c.how].join(' ')).join(' ');

  return [
    ...pages.map((p) => ({
      title: p.data.title,
      type: t('site.search.type.page'),
      url: `/${p.id}/`,
      snippet: p.data.description,
      // The decision aid's words live in YAML, not the page's Markdown; search them with the page.
      body: `${plainText(p.body)}${p.id === 'your-choices' ? ` ${choicesText}` : ''}`,
    })),
    // The privacy notice's second layer: two pages of their own, made from the settings, not Markdown.
    {
      title: t('privacy.partners.page.title'),
      type: t('site.search.type.page'),
      url: PARTNERS_PATH,
      snippet: t('privacy.partners.page.description'),
      body: [
        ...settings.dataControllers.map((controller) => controller.name),
        ...settings.partnerSharing.map((row) => `${t(`site.orgType.${row.type}.many`)} ${row.shares}`),
      ].join(' '),
    },
    {
      title: t('privacy.website.heading'),
      type: t('site.search.type.page'),
      url: WEBSITE_DATA_PATH,
      snippet: t('privacy.website.page.description'),
      body: websiteFormSections(settings)
        .flatMap((section) => [section.heading, section.collects, section.purpose])
        .join(' '),
    },
    ...aid.questions.map((q) => ({
      title: `I want to ${q.want}`,
      type: t('site.search.type.choice'),
      url: `/your-choices/answer/${q.slug}/`,
      snippet: q.choice ? choiceById(aid, q.choice).name : (q.answer ?? ''),
      body: q.note ?? '',
    })),
    ...myths.map((m) => ({
      title: m.data.myth,
      type: t('site.search.type.myth'),
      url: `/myths/${m.id}/`,
      snippet: m.data.fact,
      body: plainText(m.body),
    })),
    ...groups.flatMap(({ faqs }) =>
      faqs.map((f) => {
        const text = plainText(f.body);
        return {
          title: f.data.question,
          type: t('site.search.type.faq'),
          url: `/faqs/#${f.id}`,
          snippet: snippet(text),
          body: text,
        };
      }),
    ),
    ...updates.map((u) => ({
      title: u.data.title,
      type: t('site.search.type.update'),
      url: `/updates/${u.id}/`,
      snippet: u.data.summary,
      body: plainText(u.body),
    })),
    ...events.map((e) => ({
      title: e.data.title,
      type: t('site.search.type.event'),
      url: `/events/${e.id}/`,
      snippet: e.data.summary,
      body: `${e.data.venue.name} ${plainText(e.body)}`,
    })),
    ...stories.map((s) => ({
      title: s.data.title,
      type: t('site.search.type.story'),
      url: `/stories/${s.id}/`,
      snippet: s.data.summary,
      body: plainText(s.body),
    })),
    ...organisations.map((o) => ({
      title: o.data.name,
      type: t('site.search.type.organisation'),
      url: `/organisations/${o.data.type}/#${o.id}`,
      snippet: `${t(`site.orgType.${o.data.type}.one`)}, ${o.data.town}`,
      body: o.data.odsCode ?? '',
    })),
    ...responses.map((r) => ({
      title: r.data.title,
      type: t('site.search.type.response'),
      url: `/you-said-we-did/${r.id}/`,
      snippet: r.data.weDid,
      body: `${r.data.weHeard} ${plainText(r.body)}`,
    })),
    ...consultations.map((c) => ({
      title: c.data.title,
      type: t('site.search.type.consultation'),
      url: `/consultations/${c.id}/`,
      snippet: snippet(c.data.intro),
      body: c.data.questions.map((question) => question.text).join(' '),
    })),
    ...meetings.map((m) => ({
      title: m.data.title,
      type: t('site.search.type.meeting'),
      url: `/governance/meetings/${m.id}/`,
      snippet: `${t(`governance.meetings.group.${m.data.group}`)}. ${t('governance.meetings.held', { date: formatDate(m.data.date) })}.`,
      body: [...m.data.decisions, ...m.data.questions.flatMap((q) => [q.question, q.answer]), plainText(m.body)].join(
        ' ',
      ),
    })),
  ];
}
