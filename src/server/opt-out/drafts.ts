import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { decryptField, decryptJson, encryptJson } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import { batchPerDatabase } from '../db/group-commit.ts';
import { optOutDrafts, optOutEvidence } from '../db/opt-out-schema.ts';
import { perDatabase } from '../db/per-database.ts';
import { dropDraftEvidence, type EvidenceUpload, storeEvidence } from './evidence.ts';
import type { OptOutDeps } from './submit.ts';
import { hashToken, newToken } from './tokens.ts';

/** Answers are kept for 2 hours between "Continue" and "Send request". */
export const DRAFT_LIFETIME_MS = 2 * 60 * 60 * 1000;

export interface Draft {
  id: string;
  fields: Record<string, string>;
  /** The idempotency key the "Send request" form carries. */
  submissionKey: string;
  evidence: { fileName: string; contentType: string; byteSize: number } | null;
}

/**
 * Saves the first page's answers. With the token of an existing draft (the person pressed
 * "Change"), the draft is updated and its evidence kept unless a new file replaces it or the
 * route no longer needs one. Returns the token for the cookie.
 */
export async function saveDraft(
  deps: OptOutDeps,
  options: { token?: string | undefined; fields: Record<string, string>; upload?: EvidenceUpload; proxy: boolean },
): Promise<string> {
  const now = deps.now?.() ?? new Date();
  const expiresAt = new Date(now.getTime() + DRAFT_LIFETIME_MS);
  const existing = options.token ? await loadDraft(deps, options.token) : undefined;
  const token = existing && options.token ? options.token : newToken();
  const id = hashToken(token);
  const fieldsEncrypted = encryptJson(deps.keyring, options.fields, slotOf(optOutDrafts.fieldsEncrypted, id));
  const withFile = options.upload !== undefined && options.proxy;
  if (!existing && !withFile) {
    // A first draft without a file is one row: one statement, without BEGIN and COMMIT round
    // trips, shared with the other first drafts arriving at the same time (group commit).
    await insertDraftAtOnce(deps.db, { id, fieldsEncrypted, submissionKey: randomUUID(), expiresAt });
    return token;
  }
  await deps.db.transaction(async (tx) => {
    if (existing) {
      await tx.update(optOutDrafts).set({ fieldsEncrypted, expiresAt }).where(eq(optOutDrafts.id, id));
      if (options.upload || !options.proxy) await dropDraftEvidence(tx, id);
    } else {
      await tx.insert(optOutDrafts).values({ id, fieldsEncrypted, submissionKey: randomUUID(), expiresAt });
    }
    if (withFile && options.upload) await storeEvidence(tx, deps.keyring, { draftId: id }, options.upload);
  });
  return token;
}

/**
 * The draft for a cookie's token, if it exists and has not expired, with its evidence file's
 * details: one query (the file joined to its draft), since "Check your answers" and "Send
 * request" each read it.
 */
export async function loadDraft(deps: OptOutDeps, token: string): Promise<Draft | undefined> {
  const now = deps.now?.() ?? new Date();
  const id = hashToken(token);
  const row = await readDraftAtOnce(deps.db, { id, now });
  if (!row) return undefined;
  const fields = decryptJson(deps.keyring, row.fieldsEncrypted, slotOf(optOutDrafts.fieldsEncrypted, id));
  const { fileId, fileName, contentType, byteSize } = row;
  return {
    id,
    fields: isStringRecord(fields) ? fields : {},
    submissionKey: row.submissionKey,
    evidence:
      fileId !== null && fileName !== null && contentType !== null && byteSize !== null
        ? {
            contentType,
            byteSize,
            fileName: decryptField(deps.keyring, fileName, slotOf(optOutEvidence.fileNameEncrypted, fileId)),
          }
        : null,
  };
}

/**
 * Drizzle builds a query's SQL text on every call, which showed as about 9 % of the server's CPU
 * in the opt-out journey (2026-12-07 profile). The statements every journey runs are built once
 * per database, with placeholders, as the request's own insert is (insert-statement.ts).
 *
 * Drafts asked for at the same time are read in one statement, each with its own "now" (the
 * end-to-end tests give each request its own clock): the ids and times travel as arrays, and
 * `unnest … with ordinality` turns them back into numbered rows to join. Each row comes back with
 * the number of the request that asked for it, not only the draft's id: the same draft read twice
 * in one batch, by clocks either side of its expiry, is found for one and expired for the other.
 * Each draft has at most one file (a new one replaces it), so each request has at most one row.
 */
const loadStatement = perDatabase((db) => {
  const wanted = db
    .$with('wanted', {
      wantedId: sql<string>`wanted_id`.as('wanted_id'),
      ordinal: sql<number>`ordinal`.as('ordinal'),
    })
    .as(
      sql`select wanted_id, wanted_at::timestamptz as wanted_at, ordinal::integer as ordinal from unnest(${sql.placeholder('ids')}::text[], ${sql.placeholder('nows')}::text[]) with ordinality as k(wanted_id, wanted_at, ordinal)`,
    );
  return db
    .with(wanted)
    .select({
      ordinal: wanted.ordinal,
      fieldsEncrypted: optOutDrafts.fieldsEncrypted,
      submissionKey: optOutDrafts.submissionKey,
      fileId: optOutEvidence.id,
      fileName: optOutEvidence.fileNameEncrypted,
      contentType: optOutEvidence.contentType,
      byteSize: optOutEvidence.byteSize,
    })
    .from(optOutDrafts)
    .innerJoin(wanted, sql`${optOutDrafts.id} = ${wanted.wantedId} and ${optOutDrafts.expiresAt} > wanted_at`)
    .leftJoin(optOutEvidence, eq(optOutEvidence.draftId, optOutDrafts.id))
    .prepare('opt_out_draft_load');
});

type DraftRow = Awaited<ReturnType<ReturnType<typeof loadStatement>['execute']>>[number];

/** The draft row for each request, in the requests' order (undefined: none, or expired by its clock). */
const readDraftAtOnce = batchPerDatabase(
  async (db, wanted: { id: string; now: Date }[]): Promise<(DraftRow | undefined)[]> => {
    const rows = await loadStatement(db).execute({
      ids: wanted.map((draft) => draft.id),
      nows: wanted.map((draft) => draft.now.toISOString()),
    });
    // Ordinals count from 1, as `with ordinality` numbers the rows.
    const byOrdinal = new Map(rows.map((row) => [row.ordinal, row]));
    return wanted.map((_, index) => byOrdinal.get(index + 1));
  },
  async (db, draft) => (await loadStatement(db).execute({ ids: [draft.id], nows: [draft.now.toISOString()] }))[0],
);

type NewDraft = { id: string; fieldsEncrypted: string; submissionKey: string; expiresAt: Date };

/**
 * First drafts, any number in one statement: each column travels as one array and `unnest` turns
 * them back into rows, so the text is the same for any number of rows. Timestamps travel as text
 * (postgres.js cannot send a timestamptz[]) and are cast back. The columns are named in the
 * table's order, which is the order drizzle inserts a select into.
 */
const insertStatement = perDatabase((db) => {
  const p = (name: string) => sql`${sql.placeholder(name)}::text[]`;
  return db
    .insert(optOutDrafts)
    .select(
      sql`select id, fields_encrypted, submission_key, expires_at::timestamptz
        from unnest(${p('ids')}, ${p('fields')}, ${p('keys')}, ${p('expires')}) as t(id, fields_encrypted, submission_key, expires_at)`,
    )
    .prepare('opt_out_draft_insert');
});

/**
 * Saves one first draft, sharing a statement with any others waiting (group-commit.ts); each is
 * answered `true` once stored.
 */
const insertDraftAtOnce = batchPerDatabase(async (db, drafts: NewDraft[]): Promise<true[]> => {
  await insertStatement(db).execute({
    ids: drafts.map((draft) => draft.id),
    fields: drafts.map((draft) => draft.fieldsEncrypted),
    keys: drafts.map((draft) => draft.submissionKey),
    expires: drafts.map((draft) => draft.expiresAt.toISOString()),
  });
  return drafts.map(() => true);
});

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'string')
  );
}
