import { z } from 'zod';

/**
 * The rules for `npm audit --omit=dev` in CI (scripts/audit-dependencies.ts): every advisory against
 * a package that ships to production fails the run unless it is on the allow-list
 * (.ci/audit-allow-list.json) with a reason and a date by which someone looks at it again. Kept
 * apart from the command so the rules can be tested on canned audit output.
 */

/** One accepted advisory. */
const acceptedAdvisory = z.object({
  /** The GitHub advisory id, e.g. "GHSA-aaaa-bbbb-cccc" (the end of the advisory's URL). */
  id: z.string().min(1),
  /** The package the advisory is against, as npm names it. */
  package: z.string().min(1),
  /** Why it cannot hurt us, in words a reviewer can check: what path reaches the code, and why it is safe. */
  reason: z.string().trim().min(10, 'Each accepted advisory needs a reason of a sentence or more'),
  /** YYYY-MM-DD: after this day the run fails until someone reviews the reason and moves the date. */
  reviewBy: z.iso.date('Each accepted advisory needs a reviewBy date, YYYY-MM-DD'),
});

export const allowListSchema = z.object({ advisories: z.array(acceptedAdvisory) });
export type AllowList = z.input<typeof allowListSchema>;
type Accepted = z.output<typeof acceptedAdvisory>;

export interface Advisory {
  id: string;
  package: string;
  title: string;
  severity: string;
  url: string;
}

export interface AuditVerdict {
  ok: boolean;
  /** Advisories found and not on the list: these fail the run. */
  unlisted: Advisory[];
  /** Found and on the list, within their review date. */
  accepted: Accepted[];
  /** Found and on the list, but past their review date: these fail the run too. */
  expired: Accepted[];
  /** On the list but no longer found: the entry can go. */
  stale: Accepted[];
  /** Why npm gave no report (the advisory service could not be reached): the audit was not done. */
  unavailable?: string;
}

const viaAdvisory = z.object({ name: z.string(), title: z.string(), url: z.string(), severity: z.string() });
const auditReport = z.object({
  vulnerabilities: z.record(z.string(), z.object({ via: z.array(z.unknown()) })),
});

/** The advisories in npm's report, once each (a package affected through another names it by string). */
function advisoriesIn(report: z.output<typeof auditReport>): Advisory[] {
  const found = new Map<string, Advisory>();
  for (const entry of Object.values(report.vulnerabilities)) {
    for (const via of entry.via) {
      const advisory = viaAdvisory.safeParse(via);
      if (!advisory.success) continue;
      const { name, title, url, severity } = advisory.data;
      const id = url.split('/').pop() || url;
      found.set(`${id} ${name}`, { id, package: name, title, severity, url });
    }
  }
  return [...found.values()];
}

/** Judges `npm audit --json` output against the allow-list on `today` (YYYY-MM-DD). */
export function judgeAudit(npmOutput: unknown, allowList: AllowList, today: string): AuditVerdict {
  const list = allowListSchema.parse(allowList).advisories;
  const report = auditReport.safeParse(npmOutput);
  if (!report.success) {
    const message = z.object({ message: z.string() }).safeParse(npmOutput);
    const unavailable = message.success ? message.data.message : 'npm audit gave no report';
    return { ok: false, unlisted: [], accepted: [], expired: [], stale: [], unavailable };
  }
  const found = advisoriesIn(report.data);
  const listed = (a: Advisory) => list.find((entry) => entry.id === a.id && entry.package === a.package);
  const unlisted = found.filter((a) => listed(a) === undefined);
  const matched = list.filter((entry) => found.some((a) => a.id === entry.id && a.package === entry.package));
  const expired = matched.filter((entry) => entry.reviewBy < today);
  const accepted = matched.filter((entry) => entry.reviewBy >= today);
  const stale = list.filter((entry) => !matched.includes(entry));
  return { ok: unlisted.length === 0 && expired.length === 0, unlisted, accepted, expired, stale };
}
