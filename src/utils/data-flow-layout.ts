import { t } from '../i18n/t.ts';
import type { DataFlow, PartnerFlow } from './data-flow.ts';

/**
 * Where each box and line of the data-flow map goes. The map is one column, top to bottom, so at
 * 390 px it scales to about its own size and the 14-unit text stays about 14 px: a wide diagram
 * would shrink its text below what people can read on a phone.
 */

export const MAP_WIDTH = 360;
const PAD = 10;
const LINE = 18;
/** About how many characters of 14 px sans-serif fit across a box. */
const CHARS_PER_LINE = 42;

export interface MapLine {
  readonly text: string;
  readonly bold?: boolean;
}

export interface MapBox {
  readonly y: number;
  readonly height: number;
  /** Solid for partners that add to the record, dashed for those that only view; the words say it too. */
  readonly border: 'solid' | 'dashed' | 'double';
  readonly lines: readonly MapLine[];
}

export interface MapArrow {
  readonly y1: number;
  readonly y2: number;
  readonly label: string;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly headings: readonly { readonly y: number; readonly text: string }[];
  readonly boxes: readonly MapBox[];
  readonly arrows: readonly MapArrow[];
}

/** Breaks text into lines of at most `max` characters at spaces (a longer word gets a line of its own). */
export function wrapText(text: string, max = CHARS_PER_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const countText = (p: PartnerFlow) =>
  p.count === 0 ? t('governance.dataFlow.noneListed') : t('governance.dataFlow.count', { count: p.count });

function partnerLines(p: PartnerFlow): MapLine[] {
  return [
    ...wrapText(`${p.label} (${countText(p)})`).map((text) => ({ text, bold: true })),
    ...wrapText(t(p.adds ? 'governance.dataFlow.addsAndViews' : 'governance.dataFlow.viewsOnly')).map((text) => ({
      text,
    })),
    ...wrapText(t('governance.dataFlow.puts', { shares: p.shares })).map((text) => ({ text })),
    ...wrapText(t('governance.dataFlow.controller', { names: p.controllers.join('; ') })).map((text) => ({ text })),
  ];
}

/** Lays the flow out in three stages: who adds, the system that shows it, who looks. */
export function layoutDataFlow(flow: DataFlow): MapLayout {
  const headings: { y: number; text: string }[] = [];
  const boxes: MapBox[] = [];
  const arrows: MapArrow[] = [];
  let y = 0;
  const heading = (text: string) => {
    headings.push({ y: y + LINE, text });
    y += LINE + PAD;
  };
  const box = (lines: MapLine[], border: MapBox['border']) => {
    const height = PAD * 2 + lines.length * LINE;
    boxes.push({ y, height, border, lines });
    y += height + PAD;
  };
  const arrow = (label: string) => {
    arrows.push({ y1: y, y2: y + 3 * LINE, label });
    y += 3 * LINE + PAD;
  };

  heading(t('governance.dataFlow.stage1'));
  for (const p of flow.partners.filter((partner) => partner.adds)) box(partnerLines(p), 'solid');
  arrow(t('governance.dataFlow.arrow1'));
  heading(t('governance.dataFlow.stage2'));
  box(
    [
      ...wrapText(flow.processor.name).map((text) => ({ text, bold: true })),
      ...wrapText(t('governance.dataFlow.processor')).map((text) => ({ text })),
      ...wrapText(flow.processor.role).map((text) => ({ text })),
      ...wrapText(flow.processor.location).map((text) => ({ text })),
    ],
    'double',
  );
  arrow(t('governance.dataFlow.arrow2'));
  heading(t('governance.dataFlow.stage3'));
  box(
    wrapText(t('governance.dataFlow.addersView')).map((text) => ({ text })),
    'solid',
  );
  for (const p of flow.partners.filter((partner) => !partner.adds)) box(partnerLines(p), 'dashed');
  return { width: MAP_WIDTH, height: y, headings, boxes, arrows };
}
