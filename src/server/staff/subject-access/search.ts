import { z } from 'zod';
import { type NhsNumber, parseNhsNumber } from '../../../domain/nhs-number.ts';
import { parseReference, type Reference } from '../../../domain/reference.ts';
import { t } from '../../../i18n/t.ts';

/** Who to look for: a reference (an opt-out's or a feedback item's), or an NHS number. */
export type SubjectSearch = { kind: 'reference'; reference: Reference } | { kind: 'nhs-number'; nhsNumber: NhsNumber };

/**
 * One box takes either: 10 digits (spaces and hyphens allowed) are an NHS number, anything else
 * is read as a reference. The NHS number arrives in a POST body, never in a URL.
 */
export const subjectSearchSchema = () =>
  z.object({ search: z.string().default('') }).transform((raw, ctx): SubjectSearch => {
    const text = raw.search.trim();
    if (text === '') {
      ctx.issues.push({ code: 'custom', path: ['search'], input: text, message: t('subjectAccess.errors.empty') });
      return z.NEVER;
    }
    if (/^[\d\s-]+$/.test(text)) {
      const nhs = parseNhsNumber(text);
      if (nhs.ok) return { kind: 'nhs-number', nhsNumber: nhs.nhsNumber };
      ctx.issues.push({ code: 'custom', path: ['search'], input: text, message: nhs.message });
      return z.NEVER;
    }
    const reference = parseReference(text);
    if (reference) return { kind: 'reference', reference };
    ctx.issues.push({ code: 'custom', path: ['search'], input: text, message: t('subjectAccess.errors.format') });
    return z.NEVER;
  });
