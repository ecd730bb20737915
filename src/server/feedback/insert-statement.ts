import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { feedbackItems } from '../db/feedback-schema.ts';
import { outboxInsertFrom, type outboxRow } from '../mail/outbox.ts';

/** The item's columns as saveFeedbackItem fills them. */
export type FeedbackItemRow = Required<
  Pick<
    typeof feedbackItems.$inferInsert,
    | 'reference'
    | 'idempotencyKey'
    | 'type'
    | 'rightsRequest'
    | 'aboutOwnRecord'
    | 'receivedOn'
    | 'acknowledgeBy'
    | 'respondBy'
    | 'replyBy'
    | 'messageEncrypted'
    | 'topicEncrypted'
    | 'nameEncrypted'
    | 'emailEncrypted'
    | 'phoneEncrypted'
    | 'postalAddressEncrypted'
    | 'dateOfBirthEncrypted'
    | 'postcodeEncrypted'
  >
>;

/**
 * The item and its acknowledgement email in ONE statement (data-modifying CTEs: atomic, like a
 * transaction, in one round trip instead of four), prepared once per database because building
 * the SQL for every request cost more than running it. The email is inserted only when the item
 * was, so a repeated idempotency key inserts nothing.
 */
const p = (name: keyof FeedbackItemRow) => sql.placeholder(name);

function prepare(db: Database, withEmail: boolean) {
  const item = db.$with('item').as(
    db
      .insert(feedbackItems)
      .values({
        reference: p('reference'),
        idempotencyKey: p('idempotencyKey'),
        type: p('type'),
        rightsRequest: p('rightsRequest'),
        aboutOwnRecord: p('aboutOwnRecord'),
        receivedOn: p('receivedOn'),
        acknowledgeBy: p('acknowledgeBy'),
        respondBy: p('respondBy'),
        replyBy: p('replyBy'),
        messageEncrypted: p('messageEncrypted'),
        topicEncrypted: p('topicEncrypted'),
        nameEncrypted: p('nameEncrypted'),
        emailEncrypted: p('emailEncrypted'),
        phoneEncrypted: p('phoneEncrypted'),
        postalAddressEncrypted: p('postalAddressEncrypted'),
        dateOfBirthEncrypted: p('dateOfBirthEncrypted'),
        postcodeEncrypted: p('postcodeEncrypted'),
      })
      .onConflictDoNothing({ target: feedbackItems.idempotencyKey })
      .returning({ id: feedbackItems.id }),
  );
  if (!withEmail) return db.with(item).select({ id: item.id }).from(item).prepare('feedback_insert');
  const email = db.$with('email', {}).as(outboxInsertFrom('item'));
  return db.with(item, email).select({ id: item.id }).from(item).prepare('feedback_insert_email');
}

const statements = new WeakMap<Database, { plain: ReturnType<typeof prepare>; email: ReturnType<typeof prepare> }>();

/** Inserts the item (and its email, if any); false when the idempotency key was already used. */
export async function insertItemAtOnce(
  db: Database,
  row: FeedbackItemRow,
  email: ReturnType<typeof outboxRow> | undefined,
): Promise<boolean> {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = { plain: prepare(db, false), email: prepare(db, true) };
    statements.set(db, prepared);
  }
  const rows = email ? await prepared.email.execute({ ...row, ...email }) : await prepared.plain.execute({ ...row });
  return rows.length > 0;
}
