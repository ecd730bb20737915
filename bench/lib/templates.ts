import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One built page of every template the site has (issue 20): what the Lighthouse bench and the
 * screenshot comparison both visit. A collection's entry is its first by name, so a run before a
 * change and one after visit the same page.
 */
export function templatePages(dist: string): { template: string; path: string }[] {
  const firstOf = (folder: string) =>
    readdirSync(join(dist, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()[0];
  return [
    { template: 'home', path: '/' },
    { template: 'content page', path: '/what-is-the-shared-care-record/' },
    { template: 'myth', path: `/myths/${firstOf('myths')}/` },
    { template: 'FAQs', path: '/faqs/' },
    { template: 'organisations', path: '/organisations/' },
    { template: 'update', path: `/updates/${firstOf('updates')}/` },
    { template: 'event', path: `/events/${firstOf('events')}/` },
    { template: 'search', path: '/search/' },
    { template: 'opt-out start', path: '/opt-out/' },
    { template: 'opt-out form', path: '/opt-out/form/' },
    { template: 'contact', path: '/contact/' },
    { template: 'status', path: '/opt-out/status/' },
    { template: 'transparency', path: '/transparency/' },
    { template: 'staff sign-in', path: '/staff/sign-in' },
  ];
}
