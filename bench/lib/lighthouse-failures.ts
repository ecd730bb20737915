/**
 * Why a Lighthouse category scored under 100: the audits in it that count towards its score
 * (weight above 0) and did not pass in full, each with its id, its title as the report words it,
 * and what Lighthouse found (the tag or the robots.txt line that blocks indexing, say), so a note
 * can say exactly why a page misses 100 rather than guess from the score.
 */
interface AuditDetails {
  items?: { source?: string | { snippet?: string; url?: string; line?: number } }[];
}

interface Audit {
  id: string;
  title: string;
  score: number | null;
  displayValue?: string;
  explanation?: string;
  details?: unknown;
}

/** The parts of Lighthouse's result (lhr) this reads. */
export interface LighthouseResult {
  categories: Record<string, { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
  runtimeError?: { code: string; message?: string };
}

/** One line per category under 100, "SEO 63: is-crawlable (Page is blocked from indexing: …)", after any failed run. */
export function failedAudits(lhr: LighthouseResult): string[] {
  // A failed trace (NO_NAVSTART) leaves performance without a score; the other categories keep theirs.
  const runtime = lhr.runtimeError ? [`run failed: ${lhr.runtimeError.code}`] : [];
  const categories = Object.values(lhr.categories).flatMap((category) => {
    if (category.score === null || category.score >= 1) return [];
    const failed = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit): audit is Audit => audit !== undefined && audit.score !== null && audit.score < 1)
      .map((audit) => {
        const found = [audit.displayValue, audit.explanation, ...sources(audit.details)].filter(Boolean);
        return `${audit.id} (${audit.title}${found.length ? `: ${found.join('; ')}` : ''})`;
      });
    return [
      `${category.title} ${Math.round(category.score * 100)}: ${failed.join(', ') || 'no weighted audit failed'}`,
    ];
  });
  return [...runtime, ...categories];
}

/** The header, markup or file and line an audit points at (is-crawlable's noindex tag, robots.txt's rule). */
function sources(details: unknown): string[] {
  const items = (details as AuditDetails | undefined)?.items ?? [];
  return items.slice(0, 3).flatMap(({ source }) => {
    // A response header (X-Robots-Tag) is a plain string; a tag or a file's line is an object.
    if (typeof source === 'string') return [source];
    if (source?.snippet) return [source.snippet];
    if (source?.url) return [source.line === undefined ? source.url : `${source.url} line ${source.line + 1}`];
    return [];
  });
}
