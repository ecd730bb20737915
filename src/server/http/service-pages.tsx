import { t } from '../../i18n/t.ts';
import type { SettingsData } from '../../schemas/settings.ts';
import { renderPage } from './page.ts';
import { jsonErrors } from './responses.ts';

/** The ways to reach us without the website, shown whenever the website cannot help. */
const phoneRoute = (settings: SettingsData) => ({ phone: settings.contact.phone, hours: settings.contact.phoneHours });

function Message({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{title}</h1>
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </div>
  );
}

/**
 * The database could not take the request. The person is told plainly that nothing was
 * recorded — never shown a reference — and given the phone route.
 */
export function unavailablePage(settings: SettingsData, staticDir: string): Promise<Response> {
  return renderPage({
    title: t('forms.unavailable.title'),
    status: 503,
    staticDir,
    body: (
      <Message
        title={t('forms.unavailable.title')}
        lines={[t('forms.unavailable.body'), t('forms.unavailable.tryAgain', phoneRoute(settings))]}
      />
    ),
  });
}

/** A bot filled the honeypot. Nothing is stored; a person who got here is offered the phone. */
export function rejectedPage(settings: SettingsData, staticDir: string): Promise<Response> {
  return renderPage({
    title: t('forms.rejected.title'),
    status: 400,
    staticDir,
    body: <Message title={t('forms.rejected.title')} lines={[t('forms.rejected.body', phoneRoute(settings))]} />,
  });
}

/** Over the rate limit. */
export async function tooManyPage(
  settings: SettingsData,
  staticDir: string,
  retryAfterSeconds: number,
): Promise<Response> {
  const response = await renderPage({
    title: t('forms.tooMany.title'),
    status: 429,
    staticDir,
    body: <Message title={t('forms.tooMany.title')} lines={[t('forms.tooMany.body', phoneRoute(settings))]} />,
  });
  response.headers.set('Retry-After', String(retryAfterSeconds));
  return response;
}

/**
 * Over the rate limit, as the caller asked: the JSON every API answer uses (`errors`, field null),
 * or the HTML page. Retry-After either way.
 */
export function tooManyResponse(
  settings: SettingsData,
  staticDir: string,
  retryAfterSeconds: number,
  asJson: boolean,
): Promise<Response> | Response {
  if (!asJson) return tooManyPage(settings, staticDir, retryAfterSeconds);
  return jsonErrors([{ field: null, message: t('forms.tooMany.body', phoneRoute(settings)) }], 429, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** No such page here: as the site's own 404, for an address that exists only on another origin. */
export function notFoundPage(staticDir: string): Promise<Response> {
  return renderPage({
    title: t('notFound.title'),
    status: 404,
    staticDir,
    body: <Message title={t('notFound.title')} lines={[t('notFound.body'), t('notFound.body2')]} />,
  });
}

/** The body could not be read at all (not a field error). */
export function invalidRequestPage(staticDir: string, status: number): Promise<Response> {
  return renderPage({
    title: t('forms.invalidRequest.title'),
    status,
    staticDir,
    body: <Message title={t('forms.invalidRequest.title')} lines={[t('forms.invalidRequest.body')]} />,
  });
}
