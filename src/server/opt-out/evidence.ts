import { eq } from 'drizzle-orm';
import { checkEvidence, type EvidenceType } from '../../domain/opt-out-evidence.ts';
import type { FieldError } from '../../forms/validation.ts';
import { t } from '../../i18n/t.ts';
import { encryptField, type Keyring } from '../crypto/field-crypto.ts';
import { nextId, slotOf } from '../crypto/slots.ts';
import type { Transaction } from '../db/client.ts';
import { optOutEvidence } from '../db/opt-out-schema.ts';

/** A checked evidence file, ready to be encrypted. */
export interface EvidenceUpload {
  fileName: string;
  contentType: EvidenceType;
  bytes: Uint8Array;
}

const MESSAGES = {
  'too-large': 'optOut.evidence.error.tooLarge',
  'wrong-type': 'optOut.evidence.error.wrongType',
  empty: 'optOut.evidence.error.empty',
} as const;

/** Reads and checks an uploaded file by its bytes; the error is for the "evidence" field. */
export function readEvidence(
  fileName: string,
  bytes: Uint8Array,
): { ok: true; upload: EvidenceUpload } | { ok: false; error: FieldError } {
  const checked = checkEvidence(bytes);
  if (!checked.ok) return { ok: false, error: { field: 'evidence', message: t(MESSAGES[checked.problem]) } };
  // Only the last path segment, without control characters: it is shown back to the person.
  const printable = [...(fileName.split(/[\\/]/).pop() ?? '')].filter((c) => c >= ' ' && c !== '\u007f').join('');
  const name = printable.slice(0, 200) || 'file';
  return { ok: true, upload: { fileName: name, contentType: checked.type, bytes } };
}

/** Stores an encrypted evidence file for a draft or a request, inside the caller's transaction. */
export async function storeEvidence(
  tx: Transaction,
  keyring: Keyring,
  owner: { draftId: string } | { requestId: number },
  upload: EvidenceUpload,
): Promise<void> {
  // Bound to the file's own id: its owner changes from the draft to the request it becomes.
  const id = await nextId(tx, optOutEvidence);
  await tx.insert(optOutEvidence).values({
    id,
    ...owner,
    contentType: upload.contentType,
    byteSize: upload.bytes.byteLength,
    fileNameEncrypted: encryptField(keyring, upload.fileName, slotOf(optOutEvidence.fileNameEncrypted, id)),
    dataEncrypted: encryptField(
      keyring,
      Buffer.from(upload.bytes).toString('base64'),
      slotOf(optOutEvidence.dataEncrypted, id),
    ),
  });
}

/** Removes a draft's evidence (the person changed to "myself", or replaced the file). */
export async function dropDraftEvidence(tx: Transaction, draftId: string): Promise<void> {
  await tx.delete(optOutEvidence).where(eq(optOutEvidence.draftId, draftId));
}
