import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { organisationSchema } from '../../src/schemas/organisation.ts';
import { settingsSchema } from '../../src/schemas/settings.ts';
import { buildDataFlow, DataFlowError } from '../../src/utils/data-flow.ts';
import { layoutDataFlow, MAP_WIDTH, wrapText } from '../../src/utils/data-flow-layout.ts';

/**
 * The data-flow map on /how-data-flows/ is generated from the settings and the organisation list,
 * so a partner added to /organisations/ appears on the map or stops the build; it never silently
 * goes missing from what residents are told.
 */
const contentDir = join(import.meta.dirname, '..', '..', 'content');
const settings = settingsSchema().parse(parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8')));
const organisations = readdirSync(join(contentDir, 'organisations'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => organisationSchema().parse(parse(readFileSync(join(contentDir, 'organisations', name), 'utf8'))));

describe('the data-flow map', () => {
  const flow = buildDataFlow(settings, organisations);

  it('shows every kind of organisation on /organisations/, with the same count', () => {
    for (const type of new Set(organisations.map((o) => o.type))) {
      const partner = flow.partners.find((p) => p.type === type);
      expect(partner?.count, type).toBe(organisations.filter((o) => o.type === type).length);
    }
  });

  it('names a controller at every stage and the processor that runs the system', () => {
    for (const partner of flow.partners) expect(partner.controllers.length, partner.type).toBeGreaterThan(0);
    expect(flow.processor.name).toBe(settings.recordProcessor.name);
    const hospital = flow.partners.find((p) => p.type === 'acute-trust');
    expect(hospital?.controllers).toEqual(
      settings.dataControllers.filter((c) => c.covers.includes('acute-trust')).map((c) => c.name),
    );
  });

  it('stops the build when an organisation type has no sharing row, naming what to add', () => {
    const without = { ...settings, partnerSharing: settings.partnerSharing.filter((r) => r.type !== 'hospice') };
    expect(() => buildDataFlow(without, [{ type: 'hospice' }])).toThrow(DataFlowError);
    expect(() => buildDataFlow(without, [{ type: 'hospice' }])).toThrow(/lists a Hospice but the settings do not say/);
  });

  it('stops the build when no controller covers a kind of partner', () => {
    const uncovered = {
      ...settings,
      dataControllers: settings.dataControllers.map((c) => ({
        ...c,
        covers: c.covers.filter((t) => t !== 'care-home'),
      })),
    };
    expect(() => buildDataFlow(uncovered, [])).toThrow(/No data controller covers Care homes/);
  });

  it('draws partners that add with a solid line and those that only look with a dashed one, and says so in words', () => {
    const layout = layoutDataFlow(flow);
    const adders = flow.partners.filter((p) => p.adds);
    const lookers = flow.partners.filter((p) => !p.adds);
    expect(lookers.length).toBeGreaterThan(0);
    const dashed = layout.boxes.filter((b) => b.border === 'dashed');
    expect(dashed).toHaveLength(lookers.length);
    for (const box of dashed) expect(box.lines.map((l) => l.text)).toContain('Looks at the record only');
    const solidWithCounts = layout.boxes.filter(
      (b) => b.border === 'solid' && /\(\d+ listed|none listed/.test(b.lines[0]?.text ?? ''),
    );
    expect(solidWithCounts).toHaveLength(adders.length);
    expect(layout.boxes.filter((b) => b.border === 'double')[0]?.lines[0]?.text).toBe(settings.recordProcessor.name);
  });

  it('keeps boxes inside the map, one under another, so nothing overlaps at any width', () => {
    const layout = layoutDataFlow(flow);
    const spans = [...layout.boxes.map((b) => [b.y, b.y + b.height]), ...layout.arrows.map((a) => [a.y1, a.y2])].sort(
      (a, b) => (a[0] ?? 0) - (b[0] ?? 0),
    );
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? 0);
    expect(spans.at(-1)?.[1]).toBeLessThanOrEqual(layout.height);
    expect(layout.width).toBe(MAP_WIDTH);
  });
});

describe('wrapping text for the map', () => {
  it('breaks at spaces within the width and keeps every word', () => {
    const text = 'End of life care plans, and the medicines the hospice has left at home.';
    const lines = wrapText(text, 20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(text);
  });

  it('puts a word longer than the width on a line of its own', () => {
    expect(wrapText('a Supercalifragilistic b', 10)).toEqual(['a', 'Supercalifragilistic', 'b']);
  });
});

describe('the map on a phone', () => {
  it('keeps every line of every box within the width of its box', () => {
    const layout = layoutDataFlow(buildDataFlow(settings, organisations));
    for (const box of layout.boxes) {
      for (const line of box.lines) expect(line.text.length, line.text).toBeLessThanOrEqual(42);
    }
  });
});
