import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { batchPerDatabase } from '../db/group-commit.ts';
import { optOutDrafts, optOutEvidence, optOutRequests, optOutTokens } from '../db/opt-out-schema.ts';
import { perDatabase } from '../db/per-database.ts';
import { outboxMessages } from '../db/schema.ts';

/**
 * An opt-out saved in ONE statement, whichever way it came: data-modifying CTEs insert the
 * request, its link token and its email, and for the browser's "Send request" also move the
 * draft's evidence file to the request and delete the draft. PostgreSQL runs them atomically —
 * all or none, as a transaction would — in one round trip instead of up to eight (BEGIN, the
 * writes, COMMIT). Requests that arrive together share the statement (group commit,
 * group-commit.ts): each column travels as one array and `unnest` turns them back into rows, so
 * the text is the same for any number of rows and is prepared once per database. Everything
 * after the request is joined to the requests actually inserted, so a repeated idempotency key
 * writes nothing at all (the draft stays, and the caller shows the first reference).
 *
 * The columns are listed once, with their SQL types, and the statement is built from that list
 * (as the feedback form's is): nothing has to match by position by hand.
 */

/** The request's columns as saveOptOut fills them. */
export type RequestRow = Required<
  Pick<
    typeof optOutRequests.$inferInsert,
    | 'reference'
    | 'idempotencyKey'
    | 'route'
    | 'status'
    | 'statusChangedAt'
    | 'receivedAt'
    | 'nhsNumberHmac'
    | 'statusLookupHmac'
    | 'patientNameEncrypted'
    | 'patientDateOfBirthEncrypted'
    | 'patientNhsNumberEncrypted'
    | 'patientAddressEncrypted'
    | 'applicantEncrypted'
    | 'contactEmailEncrypted'
    | 'contactPhoneEncrypted'
    | 'hasEmail'
    | 'language'
  >
>;

/** With an email address: the confirmation link's token and the "we received it" email (outboxRow). */
export interface ConfirmationRows {
  token: { tokenHash: string; purpose: 'confirm-contact'; expiresAt: Date };
  email: { dedupeKey: string; recipientEncrypted: string; template: string; paramsEncrypted: string };
}

/** The browser's draft this request was sent from: deleted with the save; its evidence moved when kept. */
export interface DraftRows {
  draftId: string;
  /** Only a proxy's request keeps the draft's evidence; otherwise it goes with the draft. */
  keepEvidence: boolean;
}

export interface PendingRequest {
  row: RequestRow;
  confirmation: ConfirmationRows | undefined;
  draft: DraftRows | undefined;
}

/** The request's columns with their SQL types. */
const REQUEST_COLUMNS = [
  ['reference', 'text'],
  ['idempotencyKey', 'text'],
  ['route', 'text'],
  ['status', 'text'],
  ['statusChangedAt', 'timestamptz'],
  ['receivedAt', 'timestamptz'],
  ['nhsNumberHmac', 'text'],
  ['statusLookupHmac', 'text'],
  ['patientNameEncrypted', 'text'],
  ['patientDateOfBirthEncrypted', 'text'],
  ['patientNhsNumberEncrypted', 'text'],
  ['patientAddressEncrypted', 'text'],
  ['applicantEncrypted', 'text'],
  ['contactEmailEncrypted', 'text'],
  ['contactPhoneEncrypted', 'text'],
  ['hasEmail', 'boolean'],
  ['language', 'text'],
] as const satisfies readonly (readonly [keyof RequestRow, string])[];

/** Everything else a request may bring, by input name: the value for one request, and its SQL type. */
const EXTRA_INPUTS = {
  tokenHash: [(item) => item.confirmation?.token.tokenHash, 'text'],
  tokenExpiresAt: [(item) => item.confirmation?.token.expiresAt, 'timestamptz'],
  dedupeKey: [(item) => item.confirmation?.email.dedupeKey, 'text'],
  recipientEncrypted: [(item) => item.confirmation?.email.recipientEncrypted, 'text'],
  template: [(item) => item.confirmation?.email.template, 'text'],
  paramsEncrypted: [(item) => item.confirmation?.email.paramsEncrypted, 'text'],
  draftId: [(item) => item.draft?.draftId, 'text'],
  evidenceDraftId: [(item) => (item.draft?.keepEvidence ? item.draft.draftId : undefined), 'text'],
} as const satisfies Record<string, readonly [(item: PendingRequest) => unknown, string]>;

const list = (parts: SQL[]) => sql.join(parts, sql`, `);
const quoted = (name: string) => sql`${sql.identifier(name)}`;
const fromInput = (name: keyof typeof EXTRA_INPUTS) => sql`input.${quoted(name)}`;

/**
 * Values travel as text arrays where postgres.js cannot send a typed array (timestamptz[],
 * boolean[]) and are cast back to the column's type when read from `input`.
 */
const asText = (value: unknown) =>
  value === undefined || value === null ? null : value instanceof Date ? value.toISOString() : String(value);

function prepare(db: Database) {
  const inputs: (readonly [string, string])[] = [
    ...REQUEST_COLUMNS,
    ...Object.entries(EXTRA_INPUTS).map(([name, [, type]]) => [name, type] as const),
  ];
  const input = db.$with('input', {}).as(
    sql`select * from unnest(${list(inputs.map(([name]) => sql`${sql.placeholder(name)}::text[]`))})
      as t(${list(inputs.map(([name]) => quoted(name)))})`,
  );
  const request = db.$with('request', { reference: sql<string>`reference`.as('reference') }).as(
    sql`insert into ${optOutRequests} (${list(REQUEST_COLUMNS.map(([name]) => quoted(optOutRequests[name].name)))})
      select ${list(REQUEST_COLUMNS.map(([name, type]) => sql`${quoted(name)}::${sql.raw(type)}`))} from input
      on conflict (${quoted(optOutRequests.idempotencyKey.name)}) do nothing
      returning id, reference`,
  );
  // Each of these acts only for the requests inserted above (joined by reference).
  const inserted = sql`from request join input on input.${quoted('reference')} = request.reference`;
  const token = db.$with('token', {}).as(
    sql`insert into ${optOutTokens} (${list([optOutTokens.tokenHash, optOutTokens.requestId, optOutTokens.purpose, optOutTokens.expiresAt].map((c) => quoted(c.name)))})
      select ${fromInput('tokenHash')}, request.id, 'confirm-contact', ${fromInput('tokenExpiresAt')}::timestamptz
      ${inserted} where ${fromInput('tokenHash')} is not null`,
  );
  const emailColumns = [
    outboxMessages.dedupeKey,
    outboxMessages.recipientEncrypted,
    outboxMessages.template,
    outboxMessages.paramsEncrypted,
  ];
  const email = db.$with('email', {}).as(
    sql`insert into ${outboxMessages} (${list(emailColumns.map((c) => quoted(c.name)))})
      select ${list((['dedupeKey', 'recipientEncrypted', 'template', 'paramsEncrypted'] as const).map(fromInput))}
      ${inserted} where ${fromInput('dedupeKey')} is not null
      on conflict (${quoted(outboxMessages.dedupeKey.name)}) do nothing`,
  );
  // The draft's file now belongs to the request. It is moved before the draft's deletion
  // cascades at the end of the statement, which then finds no file still pointing at the draft.
  const evidence = db.$with('evidence', {}).as(
    sql`update ${optOutEvidence} set ${quoted(optOutEvidence.requestId.name)} = request.id, ${quoted(optOutEvidence.draftId.name)} = null
      ${inserted} where ${optOutEvidence.draftId} = ${fromInput('evidenceDraftId')}`,
  );
  const draft = db.$with('draft', {}).as(
    sql`delete from ${optOutDrafts} using request join input on input.${quoted('reference')} = request.reference
      where ${optOutDrafts.id} = ${fromInput('draftId')}`,
  );
  return db
    .with(input, request, token, email, evidence, draft)
    .select({ reference: request.reference })
    .from(request)
    .prepare('opt_out_insert');
}

const statements = perDatabase(prepare);

/** Inserts the requests given (one or many); for each, false when its idempotency key was already used. */
async function insertMany(db: Database, items: PendingRequest[]): Promise<boolean[]> {
  const statement = statements(db);
  const params: Record<string, (string | null)[]> = {};
  for (const [name] of REQUEST_COLUMNS) params[name] = items.map((item) => asText(item.row[name]));
  for (const [name, [pick]] of Object.entries(EXTRA_INPUTS)) params[name] = items.map((item) => asText(pick(item)));
  const inserted = await statement.execute(params);
  const references = new Set(inserted.map((row) => row.reference));
  return items.map((item) => references.has(item.row.reference));
}

const commitRequest = batchPerDatabase(insertMany);

/**
 * Saves one request with everything that goes with it, sharing a statement with any others
 * waiting; false when its idempotency key was already used. A lone request, or one written again
 * on its own after a shared statement failed, goes through the same statement with one row.
 */
export function insertRequestAtOnce(db: Database, item: PendingRequest): Promise<boolean> {
  return commitRequest(db, item);
}
