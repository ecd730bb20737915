import { eq } from 'drizzle-orm';
import { resultsPath } from '../../domain/consultation-paths.ts';
import { consultationStage, isConsultationSlug } from '../../domain/consultations.ts';
import { TRANSLATED_LANGUAGES } from '../../i18n/languages.ts';
import { requestLanguage } from '../../i18n/request-language.ts';
import { DEFAULT_LANGUAGE, formatDate, languageOr, t } from '../../i18n/t.ts';
import { pathIn } from '../../utils/language-paths.ts';
import { consultationAnswers } from '../db/consultations-schema.ts';
import { loadEnv } from '../env.ts';
import { renderPage } from '../http/page.ts';
import { notFoundPage, unavailablePage } from '../http/service-pages.tsx';
import { describeError, log } from '../log.ts';
import { getServices } from '../services.ts';
import { readSiteSettings } from '../site-settings.ts';
import { readConsultation, translatedConsultation } from './definitions.ts';
import { approvedTexts } from './quotes.ts';
import { ResultsPage } from './ResultsPage.tsx';

/**
 * The results address: /consultations/<slug>/results/, and /pl/… or /ur/… for the consultation's
 * translation. Any segment is taken, so every such address is answered as a page (404 when it
 * names no consultation, or, under a language, none translated into it); whether it can name one
 * is isConsultationSlug's to say, the rule the answer form uses too.
 */
export const RESULTS_PATH = new RegExp(`^/(?:(${TRANSLATED_LANGUAGES.join('|')})/)?consultations/([^/]+)/results/$`);

/**
 * GET /consultations/<slug>/results/, served by the residents' submission function. Drawn at
 * request time, like /transparency/: the answers are in the database, not in the static build, and
 * a rebuild after each closing day would be one more thing to forget. Before the consultation
 * closes it says when results come, so nobody sees early results while others can still answer.
 */
export async function handleConsultationResults(request: Request, now = new Date()): Promise<Response> {
  const match = RESULTS_PATH.exec(new URL(request.url).pathname);
  const slug = match?.[2] ?? '';
  // The page under /pl/ or /ur/ is in that language; the English address keeps ?lang= for its own words.
  const translatedTo = match?.[1] === undefined ? undefined : languageOr(match[1]);
  const lang = translatedTo ?? requestLanguage(request);
  const services = await getServices().catch((error: unknown) => {
    log.error('Consultation results: services unavailable', { status: 503, error: describeError(error) });
    return undefined;
  });
  // The page shells are the services' (the settings they were opened with), as for every other page.
  const staticDir = services?.env.STATIC_DIR ?? loadEnv().STATIC_DIR;
  // Not found without a query or a file read, even while the database is down: no file or answer
  // can have this name.
  if (!isConsultationSlug(slug)) return notFoundPage(staticDir);
  if (!services) return unavailablePage(await readSiteSettings(), staticDir);
  const english = await readConsultation(services.env.CONTENT_DIR, slug);
  if (!english) return notFoundPage(staticDir);
  // Under a language, only a consultation translated into it has results there: the same not-found
  // page as an unknown address, rather than English words inside <html lang="pl">.
  const consultation = translatedTo
    ? await translatedConsultation(services.env.CONTENT_DIR, slug, translatedTo, english)
    : english;
  if (!consultation) return notFoundPage(staticDir);
  if (consultationStage(consultation, now) !== 'closed') {
    const title = t('consultations.results.notYetTitle', {}, lang);
    return renderPage({
      title,
      staticDir,
      lang,
      body: (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>{title}</h1>
            <p>{t('consultations.results.notYetBody', { closes: formatDate(consultation.closes, lang) }, lang)}</p>
            <p>
              <a href={pathIn(translatedTo ?? DEFAULT_LANGUAGE, `/consultations/${slug}/`)}>{consultation.title}</a>
            </p>
          </div>
        </div>
      ),
    });
  }
  let rows: { choices: Record<string, string[]> }[];
  let quotes: Map<string, string[]>;
  try {
    [rows, quotes] = await Promise.all([
      services.store.db
        .select({ choices: consultationAnswers.choices })
        .from(consultationAnswers)
        .where(eq(consultationAnswers.consultation, slug)),
      approvedTexts(services.store.db, services.keyring, slug),
    ]);
  } catch (error) {
    log.error('Consultation results: database error', { status: 503, error: describeError(error) });
    return unavailablePage(services.settings, staticDir);
  }
  return renderPage({
    title: t('consultations.results.title', { title: consultation.title }, lang),
    staticDir,
    lang,
    // Published results, meant to be found, like /transparency/; the page before closing is not.
    listing: {
      path: resultsPath(slug, translatedTo),
      description: t('consultations.results.description', { title: consultation.title }, lang),
    },
    body: <ResultsPage consultation={consultation} answers={rows.map((row) => row.choices)} quotes={quotes} />,
  });
}
