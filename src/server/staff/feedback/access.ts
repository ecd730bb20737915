import { eq } from 'drizzle-orm';
import { FEEDBACK_TYPES, type FeedbackType } from '../../../domain/feedback.ts';
import { isReference } from '../../../domain/reference.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
import type { SignedInStaff } from '../route-table.ts';

/**
 * Who sees what in the feedback queue. Comms officers handle feedback: questions, concerns,
 * complaints, compliments. UK GDPR rights requests hold identity details and often health
 * details, and only information-governance officers handle them (src/domain/staff.ts,
 * docs/security.md "Roles"), so a comms officer without the IG role never sees one, and an IG
 * officer without the comms role sees only those. The route table lets both roles in, and this
 * narrows it. Admin on its own grants no queue (accounts are not casework).
 */
export function feedbackTypesFor(staff: SignedInStaff): readonly FeedbackType[] {
  return FEEDBACK_TYPES.filter((type) =>
    type === 'rights-request' ? staff.roles.includes('ig') : staff.roles.includes('comms'),
  );
}

/** The item behind a reference, if it exists and this person may see it; nothing is decrypted. */
export async function findVisibleItem(db: Database, staff: SignedInStaff, reference: string | undefined) {
  if (reference === undefined || !isReference(reference)) return undefined;
  const [row] = await db
    .select({
      id: feedbackItems.id,
      type: feedbackItems.type,
      status: feedbackItems.status,
      themes: feedbackItems.themes,
    })
    .from(feedbackItems)
    .where(eq(feedbackItems.reference, reference));
  if (!row || !feedbackTypesFor(staff).includes(row.type)) return undefined;
  return { ...row, reference };
}
