import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { faqGroups } from '../../src/schemas/faq.ts';

/**
 * Made-up FAQ and update entries for load tests, written into a copy of the content folder.
 * Sentences come from a small pool of plain words, so titles and bodies look like the real
 * thing to the search index (varied, overlapping vocabulary) without being real advice.
 */
const words = [
  'record',
  'care',
  'doctor',
  'nurse',
  'hospital',
  'practice',
  'shared',
  'notes',
  'medicines',
  'allergies',
  'social',
  'worker',
  'ambulance',
  'hospice',
  'choice',
  'opt',
  'out',
  'data',
  'safe',
  'secure',
  'research',
  'planning',
  'council',
  'family',
  'carer',
  'children',
  'mental',
  'health',
  'emergency',
  'appointment',
  'letter',
  'results',
  'test',
  'plan',
  'team',
  'staff',
  'access',
  'audit',
  'privacy',
  'law',
  'rights',
  'complaint',
  'question',
  'phone',
  'email',
  'post',
  'Kelham',
  'Ashby',
  'Wyre',
  'Northgate',
  'village',
  'pharmacy',
  'dentist',
  'midwife',
  'therapy',
  'discharge',
  'referral',
  'summary',
  'national',
  'local',
];

/** A repeatable pseudo-random sequence, so two runs build the same content. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export function sentence(next: () => number, length: number): string {
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'care');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function paragraph(next: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(next, 6 + Math.floor(next() * 8))).join(' ');
}

/** Copies `from` to `to` and adds `count` entries, half FAQs and half updates. */
export function generateContent(from: string, to: string, count: number, seed = 42): void {
  cpSync(from, to, { recursive: true });
  const next = random(seed);
  // Flat, with a prefix: entry ids become URL slugs, which cannot contain a folder's "/".
  mkdirSync(join(to, 'faqs'), { recursive: true });
  mkdirSync(join(to, 'updates'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const body = `${paragraph(next, 3)}\n\n## ${sentence(next, 4).slice(0, -1)}\n\n${paragraph(next, 4)}\n`;
    if (i % 2 === 0) {
      const group = faqGroups[i % faqGroups.length];
      const front = [
        '---',
        `question: "${sentence(next, 6).slice(0, -1)} ${i}?"`,
        `group: ${group}`,
        `order: ${i}`,
        'lastReviewed: 2026-11-16',
        'nextReviewDue: 2027-11-16',
        '---',
      ];
      writeFileSync(join(to, 'faqs', `generated-faq-${i}.md`), `${front.join('\n')}\n${body}`);
    } else {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const front = [
        '---',
        `title: "${sentence(next, 5).slice(0, -1)} ${i}"`,
        `summary: "${sentence(next, 12)}"`,
        `date: 2026-0${1 + (i % 9)}-${day}`,
        'tags:',
        `- ${i % 3 === 0 ? 'newly-shared' : 'news'}`,
        '---',
      ];
      writeFileSync(join(to, 'updates', `generated-update-${i}.md`), `${front.join('\n')}\n${body}`);
    }
  }
}
