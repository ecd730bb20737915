import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { decryptField, decryptJson, encryptJson } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import { optOutDrafts, optOutEvidence } from '../db/opt-out-schema.ts';
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
  await deps.db.transaction(async (tx) => {
    if (existing) {
      await tx.update(optOutDrafts).set({ fieldsEncrypted, expiresAt }).where(eq(optOutDrafts.id, id));
      if (options.upload || !options.proxy) await dropDraftEvidence(tx, id);
    } else {
      await tx.insert(optOutDrafts).values({ id, fieldsEncrypted, submissionKey: randomUUID(), expiresAt });
    }
    if (options.upload && options.proxy) await storeEvidence(tx, deps.keyring, { draftId: id }, options.upload);
  });
  return token;
}

/** The draft for a cookie's token, if it exists and has not expired. */
export async function loadDraft(deps: OptOutDeps, token: string): Promise<Draft | undefined> {
  const now = deps.now?.() ?? new Date();
  const id = hashToken(token);
  const [row] = await deps.db
    .select()
    .from(optOutDrafts)
    .where(and(eq(optOutDrafts.id, id), gt(optOutDrafts.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  const [file] = await deps.db
    .select({
      id: optOutEvidence.id,
      fileName: optOutEvidence.fileNameEncrypted,
      contentType: optOutEvidence.contentType,
      byteSize: optOutEvidence.byteSize,
    })
    .from(optOutEvidence)
    .where(eq(optOutEvidence.draftId, id))
    .limit(1);
  const fields = decryptJson(deps.keyring, row.fieldsEncrypted, slotOf(optOutDrafts.fieldsEncrypted, id));
  return {
    id,
    fields: isStringRecord(fields) ? fields : {},
    submissionKey: row.submissionKey,
    evidence: file
      ? {
          contentType: file.contentType,
          byteSize: file.byteSize,
          fileName: decryptField(deps.keyring, file.fileName, slotOf(optOutEvidence.fileNameEncrypted, file.id)),
        }
      : null,
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'string')
  );
}
