import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { feedbackItems } from '../db/feedback-schema.ts';
import { batchPerDatabase } from '../db/group-commit.ts';
import { perDatabase } from '../db/per-database.ts';
import { outboxMessages } from '../db/schema.ts';
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

const statements = perDatabase((db) => ({ plain: prepare(db, false), email: prepare(db, true) }));

/** Inserts the item (and its email, if any); false when the idempotency key was already used. */
async function insertOne(
  db: Database,
  row: FeedbackItemRow,
  email: ReturnType<typeof outboxRow> | undefined,
): Promise<boolean> {
  const prepared = statements(db);
  const rows = email ? await prepared.email.execute({ ...row, ...email }) : await prepared.plain.execute({ ...row });
  return rows.length > 0;
}

/** The item's columns with their SQL types, for the many-at-once statement below. */
const ITEM_COLUMNS = [
  ['reference', 'text'],
  ['idempotencyKey', 'text'],
  ['type', 'text'],
  ['rightsRequest', 'text'],
  ['aboutOwnRecord', 'boolean'],
  ['receivedOn', 'date'],
  ['acknowledgeBy', 'date'],
  ['respondBy', 'date'],
  ['replyBy', 'text'],
  ['messageEncrypted', 'text'],
  ['topicEncrypted', 'text'],
  ['nameEncrypted', 'text'],
  ['emailEncrypted', 'text'],
  ['phoneEncrypted', 'text'],
  ['postalAddressEncrypted', 'text'],
  ['dateOfBirthEncrypted', 'text'],
  ['postcodeEncrypted', 'text'],
] as const satisfies readonly (readonly [keyof FeedbackItemRow, string])[];
const EMAIL_COLUMNS = ['dedupeKey', 'recipientEncrypted', 'template', 'paramsEncrypted'] as const;

const list = (parts: SQL[]) => sql.join(parts, sql`, `);
const quoted = (name: string) => sql`${sql.identifier(name)}`;

/**
 * Many items in one statement (group commit, see group-commit.ts): one array per column, turned
 * back into rows by `unnest`, so the text is the same for any number of rows and is prepared
 * once. Emails are joined to the items actually inserted, by reference.
 */
function prepareBatch(db: Database) {
  const inputs = [...ITEM_COLUMNS, ...EMAIL_COLUMNS.map((name) => [name, 'text'] as const)];
  const input = db.$with('input', {}).as(
    // Dates and booleans travel as text (postgres.js cannot send date[] or boolean[]) and are cast back below.
    sql`select * from unnest(${list(inputs.map(([name, type]) => sql`${sql.placeholder(name)}::${sql.raw(type === 'date' || type === 'boolean' ? 'text' : type)}[]`))})
      as t(${list(inputs.map(([name]) => quoted(name)))})`,
  );
  const item = db.$with('item', { reference: sql<string>`reference`.as('reference') }).as(
    sql`insert into ${feedbackItems} (${list(ITEM_COLUMNS.map(([name]) => quoted(feedbackItems[name].name)))})
      select ${list(ITEM_COLUMNS.map(([name, type]) => sql`${quoted(name)}::${sql.raw(type)}`))} from input
      on conflict (${quoted(feedbackItems.idempotencyKey.name)}) do nothing
      returning id, reference`,
  );
  const email = db.$with('email', {}).as(
    sql`insert into ${outboxMessages} (${list(EMAIL_COLUMNS.map((name) => quoted(outboxMessages[name].name)))})
      select ${list(EMAIL_COLUMNS.map((name) => sql`input.${quoted(name)}`))}
      from item join input on input.${quoted('reference')} = item.reference
      where input.${quoted('dedupeKey')} is not null
      on conflict (${quoted(outboxMessages.dedupeKey.name)}) do nothing`,
  );
  return db.with(input, item, email).select({ reference: item.reference }).from(item).prepare('feedback_insert_batch');
}

interface PendingItem {
  row: FeedbackItemRow;
  email: ReturnType<typeof outboxRow> | undefined;
}

const batchStatements = perDatabase(prepareBatch);

async function insertMany(db: Database, items: PendingItem[]): Promise<boolean[]> {
  const statement = batchStatements(db);
  const params: Record<string, unknown[]> = {};
  for (const [name, type] of ITEM_COLUMNS) {
    params[name] = items.map((item) => (type === 'boolean' ? String(item.row[name]) : (item.row[name] ?? null)));
  }
  for (const name of EMAIL_COLUMNS) params[name] = items.map((item) => item.email?.[name] ?? null);
  const inserted = await statement.execute(params);
  const references = new Set(inserted.map((row) => row.reference));
  return items.map((item) => references.has(item.row.reference));
}

const commitItem = batchPerDatabase(insertMany, (db, item: PendingItem) => insertOne(db, item.row, item.email));

/**
 * Saves one item (and its email), sharing a statement with any others waiting; false when its
 * idempotency key was already used.
 */
export function insertItemAtOnce(
  db: Database,
  row: FeedbackItemRow,
  email: ReturnType<typeof outboxRow> | undefined,
): Promise<boolean> {
  return commitItem(db, { row, email });
}
