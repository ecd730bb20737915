import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { optOutRequests, optOutTokens } from '../db/opt-out-schema.ts';
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
export async function insertRequestAtOnce(
  db: Database,
  row: RequestRow,
  confirmation: ConfirmationRows | undefined,
): Promise<boolean> {
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
