import type { StaffRole } from '../../domain/staff.ts';
import { type MessageKey, t } from '../../i18n/t.ts';
import { allows, type StaffRoute } from './route-table.ts';
import type { NavItem } from './views/StaffLayout.tsx';

/** The back office's sections, in menu order. Each shows only if its page exists and the person's roles reach it. */
const SECTIONS: readonly { href: string; text: MessageKey }[] = [
  { href: '/staff/feedback', text: 'staffAuth.nav.feedback' },
  { href: '/staff/opt-outs', text: 'staffAuth.nav.optOuts' },
  { href: '/staff/consultations', text: 'consultations.staff.nav' },
  { href: '/staff/mail', text: 'staffAuth.nav.outbox' },
  { href: '/staff/reports', text: 'staffAuth.nav.reports' },
  { href: '/staff/launch-check', text: 'launchCheck.title' },
  { href: '/staff/subject-access', text: 'subjectAccess.nav' },
  { href: '/staff/accounts', text: 'staffAuth.nav.accounts' },
  { href: '/staff/audit', text: 'staffAuth.nav.audit' },
];

/** True when someone with these roles may open the page at `path` (a GET route in `routes`). */
export function mayOpen(routes: readonly StaffRoute[], path: string, roles: readonly StaffRole[]): boolean {
  return routes.some((route) => route.method === 'GET' && route.path === path && allows(route.access, roles));
}

/**
 * Why a signed-in person was refused, in words: the roles that open the page and who gives them,
 * so they know whom to ask rather than just "no access".
 */
export function rolesNeeded(access: StaffRoute['access']): string | undefined {
  if (access === 'public' || access === 'signed-in') return undefined;
  const names = access.map((role) => t(`staffAuth.roles.${role}`));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
  return t('staffAuth.errors.forbiddenRoles', { roles: list });
}

/**
 * The menu for one person, read from the route table itself, so the menu can never offer a page
 * the dispatcher would refuse (and a section appears as soon as its area adds its page).
 */
export function navigationFor(routes: readonly StaffRoute[], roles: readonly StaffRole[]): NavItem[] {
  return SECTIONS.filter((section) =>
    routes.some(
      (route) =>
        route.method === 'GET' &&
        (route.path === section.href || route.path === `${section.href}/`) &&
        allows(route.access, roles),
    ),
  ).map((section) => ({ href: section.href, text: t(section.text) }));
}
