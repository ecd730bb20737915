import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { easyReadSchema } from '../../src/schemas/easy-read.ts';
import { mediaTypeOf, mediaVersionSchema } from '../../src/schemas/media-version.ts';

/**
 * Issue 17: the Easy Read pages for the journeys and the BSL and audio versions are content the
 * comms team edits in the CMS. These checks hold every shipped entry to the Easy Read rules and
 * keep media on this site, so an edit that breaks them fails here before it reaches a resident.
 */

const root = join(import.meta.dirname, '..', '..');

/** Every Markdown entry in a content folder: its file name, front matter and body. */
function entries(folder: string): { file: string; data: unknown; body: string }[] {
  const dir = join(root, 'content', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((file) => {
      const [, front = '', body = ''] =
        /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(readFileSync(join(dir, file), 'utf8')) ?? [];
      return { file, data: parse(front), body };
    });
}

const easyRead = entries('easy-read');
const media = entries('media-versions');

const validMedia = {
  title: 'Opting out, in British Sign Language',
  description: 'A signer explains how to opt out of the shared care record.',
  kind: 'bsl',
  file: '/media/opt-out-bsl.webm',
  captions: '/media/opt-out-bsl.vtt',
  fullVersion: '/opt-out/',
  lastReviewed: '2026-12-06',
  nextReviewDue: '2027-12-06',
};

describe('the Easy Read pages for the journeys', () => {
  it('ships the opt-out start page, the paper form, your choices, the privacy summary and how to complain', () => {
    expect(easyRead.map(({ file }) => file).sort()).toEqual(
      ['complain.md', 'opt-out.md', 'paper-form.md', 'privacy.md', 'your-choices.md'].sort(),
    );
  });

  it('each entry passes the schema the CMS is generated from', () => {
    const problems = easyRead.flatMap(({ file, data }) => {
      const result = easyReadSchema().safeParse(data);
      return result.success ? [] : [`${file}: ${result.error.message}`];
    });
    expect(problems).toEqual([]);
  });

  it('puts a picture that exists beside every point, in one sentence of 15 words or fewer', () => {
    const problems = easyRead.flatMap(({ file, body }) =>
      body
        .split(/\r?\n/)
        .filter((line) => line.startsWith('!['))
        .flatMap((line) => {
          const [, alt = '', src = '', words = ''] = /^!\[([^\]]*)\]\(([^)]+)\)\s+(.+)$/.exec(line) ?? [];
          const plain = words.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
          const sentences = plain.split(/(?<=[.!?])\s+/);
          const issues: string[] = [];
          if (alt.length < 3) issues.push('no text alternative');
          if (!existsSync(join(root, 'public', src))) issues.push(`${src} does not exist`);
          // One idea per point: a question and its answer ("Is it about your care? You can…") count as one.
          if (sentences.length > 2 || sentences.some((s) => s.split(/\s+/).length > 15)) issues.push('too long');
          return issues.map((issue) => `${file}: "${line.slice(0, 60)}": ${issue}`);
        }),
    );
    expect(problems).toEqual([]);
  });

  it('gives the paper form a picture that exists for every question', () => {
    const form = easyReadSchema().parse(easyRead.find(({ file }) => file === 'paper-form.md')?.data);
    expect(form.questions.length).toBeGreaterThanOrEqual(8);
    expect(form.questions.filter((q) => !existsSync(join(root, 'public', q.picture))).map((q) => q.question)).toEqual(
      [],
    );
    expect(form.questions.filter((q) => q.answer === 'tick' && q.options.length < 2).map((q) => q.question)).toEqual(
      [],
    );
  });

  it('ends the complaint steps with the ICO', () => {
    const complain = easyRead.find(({ file }) => file === 'complain.md')?.body ?? '';
    const lastHeading = complain
      .split(/^## /m)
      .filter((part) => !part.startsWith('Print') && !part.startsWith('Hard words'))
      .at(-1);
    expect(lastHeading).toContain('https://ico.org.uk/make-a-complaint/');
  });

  it('refuses a picture from outside the Easy Read set', () => {
    const [entry] = easyRead;
    const data = {
      ...(entry?.data as object),
      questions: [
        { picture: 'https://example.com/x.svg', pictureAlt: 'A picture', question: 'What?', answer: 'write' },
      ],
    };
    expect(easyReadSchema().safeParse(data).success).toBe(false);
  });
});

describe('BSL and audio versions', () => {
  it('accepts a video and captions kept on this site', () => {
    expect(mediaVersionSchema().safeParse(validMedia).success).toBe(true);
  });

  it('refuses files and captions from another company, or captions that are not WebVTT', () => {
    const refused = [
      { file: 'https://www.youtube.com/watch?v=abc' },
      { file: 'https://cdn.example.com/media/opt-out.webm' },
      { captions: 'https://cdn.example.com/media/opt-out.vtt' },
      { captions: '/media/opt-out.srt' },
      { file: '/media/opt-out.flv' },
      { elsewhere: 'http://www.youtube.com/watch?v=abc' },
    ].filter((change) => mediaVersionSchema().safeParse({ ...validMedia, ...change }).success);
    expect(refused).toEqual([]);
  });

  it('names the type the browser needs for each file', () => {
    expect(mediaTypeOf('/media/a.webm')).toBe('video/webm');
    expect(mediaTypeOf('/media/a.MP3')).toBe('audio/mpeg');
    expect(() => mediaTypeOf('/media/a.txt')).toThrow(/not a video or audio file/);
  });

  it('ships entries whose file and WebVTT captions exist under public/, with a transcript, marked example while made up', () => {
    expect(media.length).toBeGreaterThanOrEqual(1);
    const problems = media.flatMap(({ file, data, body }) => {
      const entry = mediaVersionSchema().parse(data);
      const issues: string[] = [];
      if (!existsSync(join(root, 'public', entry.file))) issues.push(`${entry.file} is missing`);
      const captions = join(root, 'public', entry.captions);
      if (!existsSync(captions) || !readFileSync(captions, 'utf8').startsWith('WEBVTT'))
        issues.push('captions are not WebVTT');
      if (body.trim().split(/\s+/).length < 20) issues.push('the transcript is missing');
      if (file.startsWith('example') && !entry.example) issues.push('an example file not marked as example');
      return issues.map((issue) => `${file}: ${issue}`);
    });
    expect(problems).toEqual([]);
  });
});
