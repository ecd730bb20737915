import { z } from 'zod';
import { reviewFields } from './common.ts';

/**
 * A British Sign Language (BSL) video or an audio version of a page (issue 17). The file and its
 * captions are served from this site (the CMS puts uploads in public/media/), so nothing loads
 * from another company until the resident asks: a video-sharing copy is only ever a plain link.
 * The Markdown body is the full transcript, shown on the page for people who cannot hear or see it.
 */

/** A file the comms team uploads in the CMS, served from /media/ on this site. */
const siteFile = (extensions: string[], label: string, hint: string) =>
  z
    .string()
    .regex(
      new RegExp(`^/media/[A-Za-z0-9._/-]+\\.(${extensions.join('|')})$`),
      `Upload a file ending ${extensions.map((e) => `.${e}`).join(', ')} in the CMS, so it is kept at /media/ on this site`,
    )
    .meta({ label, widget: 'file', hint });

/** The video and audio file types browsers play without a plug-in, and the type each is served as. */
export const MEDIA_TYPES = {
  webm: 'video/webm',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
} as const;

export const mediaVersionSchema = () =>
  z.object({
    /** The page heading (h1), e.g. "Opting out, in British Sign Language". */
    title: z.string().min(5).max(90).meta({ label: 'Title' }),
    /** One or two sentences saying what the video or recording explains. */
    description: z.string().min(20).max(200).meta({ label: 'Summary', widget: 'text' }),
    /** "bsl": a British Sign Language video. "audio": a recording of the page read aloud. */
    kind: z.enum(['bsl', 'audio']).meta({ label: 'Kind (bsl or audio)' }),
    /** The video or audio file, uploaded in the CMS. */
    file: siteFile(
      Object.keys(MEDIA_TYPES),
      'Video or audio file',
      'A .webm or .mp4 video, or an .ogg, .mp3, .m4a or .wav recording.',
    ),
    /** The captions, as a WebVTT file (.vtt), so people who cannot hear it can follow it. */
    captions: siteFile(['vtt'], 'Captions file (WebVTT)', 'A .vtt captions file for the video or recording.'),
    /** The standard page this is a version of, e.g. /opt-out/. */
    fullVersion: z
      .string()
      .regex(/^\/[a-z0-9/-]*$/, 'Write the address of a page on this site, like /opt-out/')
      .meta({ label: 'Page it is a version of (address on this site)' }),
    /**
     * A copy on a video-sharing site, shown only as a plain link so nothing from that company loads
     * unless the resident follows it. Default none.
     */
    elsewhere: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({ label: 'Copy on another site (a plain link)', required: false }),
    ...reviewFields(),
  });

export type MediaVersionData = z.infer<ReturnType<typeof mediaVersionSchema>>;

/** The type a browser needs in <source type>, from the file's ending. */
export function mediaTypeOf(file: string): string {
  const ending = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = MEDIA_TYPES;
  const type = Object.hasOwn(types, ending) ? types[ending] : undefined;
  if (!type)
    throw new Error(`${file}: not a video or audio file a browser plays (${Object.keys(MEDIA_TYPES).join(', ')})`);
  return type;
}
