import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contentTypes } from '../../src/admin/collections.ts';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import { describeProblem, validateContent } from '../../src/admin/validate-content.ts';
import {
  consultationSourceHash,
  consultationTranslationStale,
  translateConsultation,
} from '../../src/domain/consultation-translation.ts';
import { consultationSchema } from '../../src/schemas/consultation.ts';
import {
  consultationTranslationProblems,
  consultationTranslationSchema,
} from '../../src/schemas/consultation-translation.ts';

/**
 * A consultation in Polish or Urdu holds only the words: every question by its English id, one
 * label per English option. The content check refuses a translation that does not match its
 * English file, naming the file and the question; the page shows the translated labels on the
 * English values. Works on a temporary copy of the content, so the real files never change.
 */

const root = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'clearshare-consultation-translations-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
cpSync(join(root, 'content'), join(temp, 'content'), { recursive: true });

const SLUG = 'how-we-write-to-you';
const englishFile = join(temp, 'content', 'consultations', `${SLUG}.yaml`);
const polishFile = join(temp, 'content', 'translations', 'consultations', 'pl', `${SLUG}.yaml`);
const readYaml = (file: string) => parse(readFileSync(file, 'utf8'));
const english = () => consultationSchema().parse(readYaml(englishFile));
const polish = () => consultationTranslationSchema().parse(readYaml(polishFile));
const types = contentTypes.filter((type) => type.name === 'consultationTranslations');
const checkTranslations = () => validateContent(temp, 'content', types).map(describeProblem);

describe('a consultation translation against its English file', () => {
  it('passes for the Polish and Urdu translations as written', () => {
    expect(checkTranslations()).toEqual([]);
    expect(consultationTranslationProblems(polish(), english())).toEqual([]);
  });

  it('refuses an option missing, naming the file and the question', () => {
    const original = readFileSync(polishFile, 'utf8');
    const data = readYaml(polishFile);
    data.questions[1].options.pop();
    writeFileSync(polishFile, JSON.stringify(data));
    try {
      expect(checkTranslations()).toEqual([
        'content/translations/consultations/pl/how-we-write-to-you.yaml: questions.1.options: Question "best-way" has 4 options in English and 3 here: give one for each English option, in the same order',
      ]);
    } finally {
      writeFileSync(polishFile, original);
    }
  });

  it('refuses a question id the English does not have, and says which English question is left out', () => {
    const translation = polish();
    const renamed = {
      ...translation,
      questions: translation.questions.map((q, i) => (i === 0 ? { ...q, id: 'heard' } : q)),
    };
    expect(consultationTranslationProblems(renamed, english())).toEqual([
      {
        field: 'questions.0.id',
        message:
          'The English consultation has no question "heard": use the id of one of its questions (heard-from, best-way, clear, change-one-thing)',
      },
      { field: 'questions', message: 'Question "heard-from" is not translated: add it, so nobody sees it in English' },
    ]);
  });

  it('refuses a hint the English does not have, and a missing one', () => {
    const translation = polish();
    const changed = {
      ...translation,
      questions: translation.questions.map((q) =>
        q.id === 'best-way' ? { ...q, hint: 'Jedna odpowiedź' } : q.id === 'heard-from' ? { ...q, hint: undefined } : q,
      ),
    };
    expect(consultationTranslationProblems(changed, english()).map((p) => p.message)).toEqual([
      'Question "heard-from" has a hint in English: translate it here',
      'Question "best-way" has no hint in English: take this one out',
    ]);
  });

  it('refuses a translation with no English consultation of its name', () => {
    const stray = join(temp, 'content', 'translations', 'consultations', 'pl', 'no-such-survey.yaml');
    writeFileSync(stray, readFileSync(polishFile, 'utf8'));
    try {
      expect(checkTranslations()).toEqual([
        'content/translations/consultations/pl/no-such-survey.yaml: (whole entry): There is no consultation content/consultations/no-such-survey.yaml to translate: name the file after an English consultation',
      ]);
    } finally {
      rmSync(stray);
    }
  });

  it('refuses a consultation named in a way its web address cannot be (the functions would turn its answers away)', () => {
    const both = contentTypes.filter((type) => ['consultations', 'consultationTranslations'].includes(type.name));
    const renamed = join(temp, 'content', 'consultations', 'How-We-Write--To-You.yaml');
    writeFileSync(renamed, readFileSync(englishFile, 'utf8'));
    try {
      expect(
        validateContent(temp, 'content', both)
          .map(describeProblem)
          .filter((problem) => problem.includes('(file name)')),
      ).toEqual([
        "content/consultations/How-We-Write--To-You.yaml: (file name): A consultation's file name is its web address: use only small letters, numbers and single hyphens between words, up to 100 characters (for example residents-survey-2027.yaml)",
      ]);
    } finally {
      rmSync(renamed);
    }
  });
});

describe('a consultation shown in Polish', () => {
  it('shows the Polish words on the English values, so the answers count with the English ones', () => {
    const shown = translateConsultation(english(), polish());
    expect(shown.title).toBe(polish().title);
    const bestWay = shown.questions.find((q) => q.id === 'best-way');
    expect(bestWay?.options).toEqual(['A letter', 'An email', 'A text message', 'A poster at my GP practice']);
    expect(bestWay?.labels).toEqual(['Listem', 'E-mailem', 'SMS-em', 'Plakatem w mojej przychodni lekarza rodzinnego']);
    expect(bestWay?.text).toBe('Jak najlepiej informować Cię o zmianach?');
    // The rules stay the English file's.
    expect(shown.questions.map((q) => [q.kind, q.required])).toEqual(
      english().questions.map((q) => [q.kind, q.required]),
    );
    expect(shown.closes).toEqual(english().closes);
  });

  it('is made from the English as it is now; a change to a question marks it out of date', () => {
    expect(polish().sourceHash).toBe(consultationSourceHash(english()));
    expect(consultationTranslationStale(polish().sourceHash, english())).toBe(false);
    const changed = english();
    const [first] = changed.questions;
    if (first) first.text = 'Where did you hear about the shared care record?';
    expect(consultationTranslationStale(polish().sourceHash, changed)).toBe(true);
  });

  it('is listed by the launch check until a translator signs it off', () => {
    const items = runLaunchCheck(temp).items.filter((item) => item.file.includes('translations/consultations/'));
    expect(items.map((item) => [item.kind, item.file]).sort()).toEqual([
      ['translation-review', 'content/translations/consultations/pl/how-we-write-to-you.yaml'],
      ['translation-review', 'content/translations/consultations/ur/how-we-write-to-you.yaml'],
    ]);
  });
});
