/**
 * The partner toolkit's items and versions (issue 18 part 3). One list drives the pages
 * (src/pages/toolkit/), the PDFs (scripts/toolkit-pdf.ts) and their tests, so an item added here
 * is built, printed and checked without a second list to keep in step.
 *
 * The labels are here rather than in src/i18n because only this list and its pages use them and
 * they name the items; the words people read on each item come from content/.
 */

export type Paper = 'A4' | 'A5';

export interface ToolkitItem {
  /** The address under /toolkit/, and the PDF's file name. */
  id: string;
  /** The item's name, on the index and as its page's heading. */
  title: string;
  /** One sentence on the index: what it is and where it goes. */
  description: string;
  /** The paper it is printed on (the @page size). */
  paper: Paper;
  /** Printed pages in the standard version: a poster is one sheet, a leaflet two sides. */
  pages: number;
}

export const TOOLKIT_ITEMS: readonly ToolkitItem[] = [
  {
    id: 'poster',
    title: 'Poster',
    description: 'An A4 poster for a waiting room or notice board.',
    paper: 'A4',
    pages: 1,
  },
  { id: 'leaflet', title: 'Leaflet', description: 'An A5 leaflet, printed on both sides.', paper: 'A5', pages: 2 },
  {
    id: 'letter',
    title: 'Letter to patients',
    description: 'A one-page letter a GP practice can send.',
    paper: 'A4',
    pages: 1,
  },
  {
    id: 'desk-script',
    title: 'What to say when a patient asks',
    description: 'Answers for the reception desk.',
    paper: 'A4',
    pages: 1,
  },
  {
    id: 'text-message',
    title: 'Text message',
    description: 'A text message, 160 characters or fewer with the link.',
    paper: 'A4',
    pages: 1,
  },
  { id: 'social-posts', title: 'Social media posts', description: 'Short posts to copy.', paper: 'A4', pages: 1 },
  { id: 'newsletter', title: 'Newsletter words', description: 'A paragraph for a newsletter.', paper: 'A4', pages: 1 },
  { id: 'qr-code', title: 'QR code', description: 'A QR code that opens this website.', paper: 'A4', pages: 1 },
];

export type ToolkitVersion = 'standard' | 'large-print' | 'easy-read';

/** The versions of every item, with the address part after the item's (none for standard). */
export const TOOLKIT_VERSIONS: readonly { id: ToolkitVersion; title: string; path: string }[] = [
  { id: 'standard', title: 'Standard', path: '' },
  { id: 'large-print', title: 'Large print', path: 'large-print/' },
  { id: 'easy-read', title: 'Easy Read', path: 'easy-read/' },
];

/** The address of one version of one item, e.g. /toolkit/poster/large-print/. */
export const toolkitPath = (item: string, version: ToolkitVersion): string =>
  `/toolkit/${item}/${TOOLKIT_VERSIONS.find((v) => v.id === version)?.path ?? ''}`;

/** The PDF's file name, e.g. poster-large-print.pdf. */
export const toolkitPdfName = (item: string, version: ToolkitVersion): string => `${item}-${version}.pdf`;
