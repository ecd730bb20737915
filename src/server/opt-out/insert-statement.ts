import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { groupCommit } from '../db/group-commit.ts';
import { optOutRequests, optOutTokens } from '../db/opt-out-schema.ts';
import { outboxMessages } from '../db/schema.ts';
import { outboxInsertFrom } from '../mail/outbox.ts';

/**
 * The usual opt-out (no evidence file, no draft) saved in ONE statement: the request, its link
 * token and its email are inserted by data-modifying CTEs, which PostgreSQL runs atomically —
 * all three or none, as a transaction would, but in one round trip instead of five (BEGIN, three
 * INSERTs, COMMIT). The token and email are inserted only when the request row was, so a
 * repeated idempotency key inserts nothing. The statement is prepared once per database: under
 * load, building the SQL text afresh for every request cost more than running it.
 */
export interface RequestRow {
  reference: string;
  idempotencyKey: string;
  route: (typeof optOutRequests.$inferInsert)['route'];
  status: 'received';
  statusChangedAt: Date;
  receivedAt: Date;
  nhsNumberHmac: string | null;
  statusLookupHmac: string;
  patientNameEncrypted: string;
  patientDateOfBirthEncrypted: string;
  patientNhsNumberEncrypted: string | null;
  patientAddressEncrypted: string;
  applicantEncrypted: string | null;
  contactEmailEncrypted: string | null;
  contactPhoneEncrypted: string | null;
  hasEmail: boolean;
}

export interface ConfirmationRows {
  token: { tokenHash: string; purpose: 'confirm-contact'; expiresAt: Date };
  email: { dedupeKey: string; recipientEncrypted: string; template: string; paramsEncrypted: string };
}

const p = (name: string) => sql.placeholder(name);
const columns = (...list: { name: string }[]) =>
  sql.join(
    list.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

function prepare(db: Database, withConfirmation: boolean) {
  const request = db.$with('request').as(
    db
      .insert(optOutRequests)
      .values({
        reference: p('reference'),
        idempotencyKey: p('idempotencyKey'),
        route: p('route'),
        status: p('status'),
        statusChangedAt: p('statusChangedAt'),
        receivedAt: p('receivedAt'),
        nhsNumberHmac: p('nhsNumberHmac'),
        statusLookupHmac: p('statusLookupHmac'),
        patientNameEncrypted: p('patientNameEncrypted'),
        patientDateOfBirthEncrypted: p('patientDateOfBirthEncrypted'),
        patientNhsNumberEncrypted: p('patientNhsNumberEncrypted'),
        patientAddressEncrypted: p('patientAddressEncrypted'),
        applicantEncrypted: p('applicantEncrypted'),
        contactEmailEncrypted: p('contactEmailEncrypted'),
        contactPhoneEncrypted: p('contactPhoneEncrypted'),
        hasEmail: p('hasEmail'),
      })
      .onConflictDoNothing({ target: optOutRequests.idempotencyKey })
      .returning({ id: optOutRequests.id }),
  );
  if (!withConfirmation) return db.with(request).select({ id: request.id }).from(request).prepare('opt_out_insert');

  // drizzle's insert-from-select wants every column (serial ids included), so this one is
  // written out, with column names from the schema. A parameter in a SELECT list has no type of
  // its own, so each is cast to its column's type.
  const token = db.$with('token', {}).as(
    sql`insert into ${optOutTokens} (${columns(optOutTokens.tokenHash, optOutTokens.requestId, optOutTokens.purpose, optOutTokens.expiresAt)})
        select ${p('tokenHash')}::text, id, ${p('tokenPurpose')}::text, ${p('tokenExpiresAt')}::timestamptz from request`,
  );
  const email = db.$with('email', {}).as(outboxInsertFrom('request'));
  return db.with(request, token, email).select({ id: request.id }).from(request).prepare('opt_out_insert_confirm');
}

const statements = new WeakMap<Database, { plain: ReturnType<typeof prepare>; confirm: ReturnType<typeof prepare> }>();

/** Inserts the request (and its token and email, if any); false when the idempotency key was already used. */
async function insertOne(db: Database, row: RequestRow, confirmation: ConfirmationRows | undefined): Promise<boolean> {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = { plain: prepare(db, false), confirm: prepare(db, true) };
    statements.set(db, prepared);
  }
  const rows = confirmation
    ? await prepared.confirm.execute({
        ...row,
        tokenHash: confirmation.token.tokenHash,
        tokenPurpose: confirmation.token.purpose,
        // A raw placeholder (no column to map it), so the timestamp goes as ISO text.
        tokenExpiresAt: confirmation.token.expiresAt.toISOString(),
        ...confirmation.email,
      })
    : await prepared.plain.execute({ ...row });
  return rows.length > 0;
}

/**
 * Many requests in one statement (group commit, see group-commit.ts): the rows travel as one
 * array per column and `unnest` turns them back into rows, so the statement text is the same
 * for any number of rows and is prepared once. Tokens and emails are joined to the requests
 * actually inserted by reference, so a repeated idempotency key still inserts nothing.
 */
function prepareBatch(db: Database) {
  // Timestamps and booleans travel as text (postgres.js cannot send timestamptz[] or boolean[]
  // arrays) and are cast back.
  const a = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}[]`;
  const input = db.$with('input', {}).as(
    sql`select * from unnest(
      ${a('reference', 'text')}, ${a('idempotencyKey', 'text')}, ${a('route', 'text')}, ${a('receivedAt', 'text')},
      ${a('nhsNumberHmac', 'text')}, ${a('statusLookupHmac', 'text')}, ${a('patientNameEncrypted', 'text')},
      ${a('patientDateOfBirthEncrypted', 'text')}, ${a('patientNhsNumberEncrypted', 'text')},
      ${a('patientAddressEncrypted', 'text')}, ${a('applicantEncrypted', 'text')}, ${a('contactEmailEncrypted', 'text')},
      ${a('contactPhoneEncrypted', 'text')}, ${a('hasEmail', 'text')}, ${a('tokenHash', 'text')},
      ${a('tokenExpiresAt', 'text')}, ${a('dedupeKey', 'text')}, ${a('recipientEncrypted', 'text')},
      ${a('template', 'text')}, ${a('paramsEncrypted', 'text')}
    ) as t(reference, idempotency_key, route, received_at, nhs_number_hmac, status_lookup_hmac, patient_name_encrypted,
      patient_date_of_birth_encrypted, patient_nhs_number_encrypted, patient_address_encrypted, applicant_encrypted,
      contact_email_encrypted, contact_phone_encrypted, has_email, token_hash, token_expires_at, dedupe_key,
      recipient_encrypted, template, params_encrypted)`,
  );
  const request = db.$with('request', { reference: sql<string>`reference`.as('reference') }).as(
    sql`insert into ${optOutRequests} (${columns(
      optOutRequests.reference,
      optOutRequests.idempotencyKey,
      optOutRequests.route,
      optOutRequests.status,
      optOutRequests.statusChangedAt,
      optOutRequests.receivedAt,
      optOutRequests.nhsNumberHmac,
      optOutRequests.statusLookupHmac,
      optOutRequests.patientNameEncrypted,
      optOutRequests.patientDateOfBirthEncrypted,
      optOutRequests.patientNhsNumberEncrypted,
      optOutRequests.patientAddressEncrypted,
      optOutRequests.applicantEncrypted,
      optOutRequests.contactEmailEncrypted,
      optOutRequests.contactPhoneEncrypted,
      optOutRequests.hasEmail,
    )})
    select reference, idempotency_key, route, 'received', received_at::timestamptz, received_at::timestamptz, nhs_number_hmac, status_lookup_hmac,
      patient_name_encrypted, patient_date_of_birth_encrypted, patient_nhs_number_encrypted, patient_address_encrypted,
      applicant_encrypted, contact_email_encrypted, contact_phone_encrypted, has_email::boolean
    from input
    on conflict (${columns(optOutRequests.idempotencyKey)}) do nothing
    returning id, reference`,
  );
  const token = db.$with('token', {}).as(
    sql`insert into ${optOutTokens} (${columns(optOutTokens.tokenHash, optOutTokens.requestId, optOutTokens.purpose, optOutTokens.expiresAt)})
    select input.token_hash, request.id, 'confirm-contact', input.token_expires_at::timestamptz
    from request join input on input.reference = request.reference
    where input.token_hash is not null`,
  );
  const email = db.$with('email', {}).as(
    sql`insert into ${outboxMessages} (${columns(outboxMessages.dedupeKey, outboxMessages.recipientEncrypted, outboxMessages.template, outboxMessages.paramsEncrypted)})
    select input.dedupe_key, input.recipient_encrypted, input.template, input.params_encrypted
    from request join input on input.reference = request.reference
    where input.dedupe_key is not null
    on conflict (${columns(outboxMessages.dedupeKey)}) do nothing`,
  );
  return db
    .with(input, request, token, email)
    .select({ reference: request.reference })
    .from(request)
    .prepare('opt_out_insert_batch');
}

export interface PendingRequest {
  row: RequestRow;
  confirmation: ConfirmationRows | undefined;
}

const batchStatements = new WeakMap<Database, ReturnType<typeof prepareBatch>>();

async function insertMany(db: Database, items: PendingRequest[]): Promise<boolean[]> {
  let statement = batchStatements.get(db);
  if (!statement) {
    statement = prepareBatch(db);
    batchStatements.set(db, statement);
  }
  const column = <T>(pick: (item: PendingRequest) => T) => items.map(pick);
  const inserted = await statement.execute({
    reference: column((item) => item.row.reference),
    idempotencyKey: column((item) => item.row.idempotencyKey),
    route: column((item) => item.row.route),
    receivedAt: column((item) => item.row.receivedAt.toISOString()),
    nhsNumberHmac: column((item) => item.row.nhsNumberHmac),
    statusLookupHmac: column((item) => item.row.statusLookupHmac),
    patientNameEncrypted: column((item) => item.row.patientNameEncrypted),
    patientDateOfBirthEncrypted: column((item) => item.row.patientDateOfBirthEncrypted),
    patientNhsNumberEncrypted: column((item) => item.row.patientNhsNumberEncrypted),
    patientAddressEncrypted: column((item) => item.row.patientAddressEncrypted),
    applicantEncrypted: column((item) => item.row.applicantEncrypted),
    contactEmailEncrypted: column((item) => item.row.contactEmailEncrypted),
    contactPhoneEncrypted: column((item) => item.row.contactPhoneEncrypted),
    hasEmail: column((item) => String(item.row.hasEmail)),
    tokenHash: column((item) => item.confirmation?.token.tokenHash ?? null),
    tokenExpiresAt: column((item) => item.confirmation?.token.expiresAt.toISOString() ?? null),
    dedupeKey: column((item) => item.confirmation?.email.dedupeKey ?? null),
    recipientEncrypted: column((item) => item.confirmation?.email.recipientEncrypted ?? null),
    template: column((item) => item.confirmation?.email.template ?? null),
    paramsEncrypted: column((item) => item.confirmation?.email.paramsEncrypted ?? null),
  });
  const references = new Set(inserted.map((row) => row.reference));
  return items.map((item) => references.has(item.row.reference));
}

const committers = new WeakMap<Database, (item: PendingRequest) => Promise<boolean>>();

/**
 * Saves one request (and its token and email), sharing a statement with any others waiting;
 * false when its idempotency key was already used.
 */
export function insertRequestAtOnce(
  db: Database,
  row: RequestRow,
  confirmation: ConfirmationRows | undefined,
): Promise<boolean> {
  let commit = committers.get(db);
  if (!commit) {
    commit = groupCommit(
      (items: PendingRequest[]) => insertMany(db, items),
      (item: PendingRequest) => insertOne(db, item.row, item.confirmation),
    );
    committers.set(db, commit);
  }
  return commit({ row, confirmation });
}
