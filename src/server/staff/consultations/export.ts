import { stringify } from 'csv-stringify/sync';
import { asc, eq, inArray } from 'drizzle-orm';
import { todayInLondon } from '../../../domain/calendar-date.ts';
import type { ConsultationData } from '../../../schemas/consultation.ts';
import { textOf } from '../../consultations/quotes.ts';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { consultationAnswers, consultationTextAnswers } from '../../db/consultations-schema.ts';
import { neutraliseFormula } from '../opt-outs/export.ts';

/**
 * One consultation's answers as CSV, one row per person: the reference, the day in England, each choice
 * question's answers ("; " between ticks). With `withText` (the IG role only: written answers and
 * names may say who someone is or hold health details) also the name and every written answer,
 * published or not. Cells a spreadsheet would run as a formula are made text (neutraliseFormula).
 */
export async function answersCsv(
  db: Database,
  keyring: Keyring,
  slug: string,
  consultation: Pick<ConsultationData, 'questions'>,
  withText: boolean,
): Promise<string> {
  const rows = await db
    .select()
    .from(consultationAnswers)
    .where(eq(consultationAnswers.consultation, slug))
    .orderBy(asc(consultationAnswers.id));
  const written = new Map<string, string>();
  if (withText && rows.length > 0) {
    const texts = await db
      .select()
      .from(consultationTextAnswers)
      .where(
        inArray(
          consultationTextAnswers.answerId,
          rows.map((row) => row.id),
        ),
      );
    for (const text of texts) written.set(`${text.answerId}:${text.questionId}`, textOf(keyring, text));
  }
  const questions = consultation.questions.filter((question) => withText || question.kind !== 'text');
  const header = [
    'Reference',
    'Received',
    ...(withText ? ['Name'] : []),
    ...questions.map((question) => question.text),
  ];
  const lines = rows.map((row) => [
    row.reference,
    todayInLondon(row.receivedAt),
    ...(withText
      ? [
          row.nameEncrypted
            ? decryptField(keyring, row.nameEncrypted, slotOf(consultationAnswers.nameEncrypted, row.idempotencyKey))
            : '',
        ]
      : []),
    ...questions.map((question) =>
      question.kind === 'text'
        ? (written.get(`${row.id}:${question.id}`) ?? '')
        : (row.choices[question.id] ?? []).join('; '),
    ),
  ]);
  return stringify(
    [header, ...lines].map((line) => line.map(neutraliseFormula)),
    { quoted: true, quoted_empty: true, record_delimiter: 'windows' },
  );
}
