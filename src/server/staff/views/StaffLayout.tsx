import type { ReactElement } from 'react';
import type { StaffRole } from '../../../domain/staff.ts';
import { t } from '../../../i18n/t.ts';
import { IDLE_MS } from '../session.ts';

export interface NavItem {
  href: string;
  text: string;
}

interface Props {
  /** Present once signed in: the name, the navigation and the sign-out form are shown. */
  staff?: { name: string; roles: readonly StaffRole[] } | undefined;
  /** Only the sections this person's roles reach (see navigation.ts). */
  nav: readonly NavItem[];
  csrfToken?: string | undefined;
  currentPath: string;
  main: ReactElement;
}

/**
 * The staff layout: the NHS.UK header with the service name "Clearshare staff", navigation to
 * the sections this person may use, a sign-out button (a POST form: signing out changes state,
 * so it carries the CSRF token and cannot be triggered by a link on another site) and <main>.
 */
export function StaffLayout({ staff, nav, csrfToken, currentPath, main }: Props) {
  const isCurrent = (href: string) => currentPath === href || currentPath.startsWith(`${href}/`);
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        {t('site.skipLink')}
      </a>
      <header className="nhsuk-header">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <a className="nhsuk-header__service-name" href="/staff/">
              {t('staffAuth.layout.serviceName')}
            </a>
          </div>
        </div>
        {staff && nav.length > 0 ? (
          <nav className="nhsuk-header__navigation" aria-label={t('staffAuth.layout.menuLabel')}>
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <ul className="nhsuk-header__navigation-list">
                {nav.map((item) => (
                  <li
                    key={item.href}
                    className={`nhsuk-header__navigation-item${isCurrent(item.href) ? ' nhsuk-header__navigation-item--current' : ''}`}
                  >
                    <a
                      className="nhsuk-header__navigation-link"
                      href={item.href}
                      aria-current={currentPath === item.href ? 'page' : isCurrent(item.href) ? 'true' : undefined}
                    >
                      {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
      </header>
      {staff && csrfToken ? (
        <div className="nhsuk-width-container staff-account-bar">
          <p className="nhsuk-body-s staff-account-bar__name">
            {t('staffAuth.layout.signedInAs', { name: staff.name })} ·{' '}
            <a href="/staff/account">{t('staffAuth.layout.yourAccount')}</a>
          </p>
          <form method="post" action="/staff/sign-out" className="staff-account-bar__form">
            <input type="hidden" name="csrfToken" value={csrfToken} />
            <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
              {t('staffAuth.layout.signOut')}
            </button>
          </form>
        </div>
      ) : null}
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {staff && csrfToken ? (
            // The idle warning (WCAG 2.2.1): shown by the shell's script a little before the
            // 15-minute limit; without JavaScript the server still signs the person out.
            <section
              id="staff-idle-warning"
              className="staff-idle-warning"
              hidden
              data-idle-ms={IDLE_MS}
              data-warn-ms={2 * 60 * 1000}
              data-csrf-token={csrfToken}
              aria-labelledby="staff-idle-warning-heading"
            >
              <h2 id="staff-idle-warning-heading" className="nhsuk-heading-s">
                {t('staffAuth.idle.heading')}
              </h2>
              <p className="nhsuk-body" aria-live="polite">
                {t('staffAuth.idle.body')}
              </p>
              <button className="nhsuk-button nhsuk-button--small" type="button" id="staff-idle-stay">
                {t('staffAuth.idle.stay')}
              </button>
            </section>
          ) : null}
          {main}
        </main>
      </div>
      <footer className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <p className="nhsuk-body-s">{t('staffAuth.layout.footer')}</p>
          </div>
        </div>
      </footer>
    </>
  );
}
