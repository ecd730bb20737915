import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { decryptField, encryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { nextId, slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { feedbackNotes } from '../../db/staff-schema.ts';

/**
 * An item's history in staff hands: internal notes, the replies sent to the person (kept
 * word for word, because a complaint's answer may be needed later by the Ombudsman), and for a
 * rights request how the officer checked the person and their email address before replying. Both live
 * in feedback_notes, encrypted, as JSON that says which kind each entry is. A plain encrypted
 * string (written by anything else) reads as a note.
 */
export const NOTE_KINDS = ['note', 'reply', 'verification'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface FeedbackNote {
  id: number;
  kind: NoteKind;
  text: string;
  authorId: number;
  createdAt: Date;
}

const storedNote = z.object({ kind: z.enum(NOTE_KINDS), text: z.string() });

function readNote(plain: string): { kind: NoteKind; text: string } {
  try {
    const parsed = storedNote.safeParse(JSON.parse(plain));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: an entry written as plain text, which is a note.
  }
  return { kind: 'note', text: plain };
}

/** Adds a note or a reply to an item, inside the caller's transaction when there is one. */
export async function addFeedbackNote(
  db: Database | Transaction,
  keyring: Keyring,
  entry: { itemId: number; authorId: number; kind: NoteKind; text: string; at: Date },
): Promise<number> {
  // The id is reserved first so the note can be encrypted for its own row.
  const id = await nextId(db, feedbackNotes);
  const [row] = await db
    .insert(feedbackNotes)
    .values({
      id,
      itemId: entry.itemId,
      authorId: entry.authorId,
      noteEncrypted: encryptJson(
        keyring,
        { kind: entry.kind, text: entry.text },
        slotOf(feedbackNotes.noteEncrypted, id),
      ),
      createdAt: entry.at,
    })
    .returning({ id: feedbackNotes.id });
  if (!row) throw new Error('A feedback note was not saved');
  return row.id;
}

/** An item's notes and replies, oldest first, decrypted for the item screen. */
export async function listFeedbackNotes(db: Database, keyring: Keyring, itemId: number): Promise<FeedbackNote[]> {
  const rows = await db
    .select()
    .from(feedbackNotes)
    .where(eq(feedbackNotes.itemId, itemId))
    .orderBy(asc(feedbackNotes.createdAt), asc(feedbackNotes.id));
  return rows.map((row) => ({
    id: row.id,
    ...readNote(decryptField(keyring, row.noteEncrypted, slotOf(feedbackNotes.noteEncrypted, row.id))),
    authorId: row.authorId,
    createdAt: row.createdAt,
  }));
}
