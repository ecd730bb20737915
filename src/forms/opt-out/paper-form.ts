import { z } from 'zod/mini';
import { type MessageKey, t } from '../../i18n/t.ts';
import { type OptOutFieldMeta, optOutInputShape } from '../../schemas/forms/opt-out.ts';

/** One question on the printable form, generated from the opt-out schema's field metadata. */
export interface PaperQuestion {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'date' | 'choice' | 'tick' | 'declaration';
  options: string[];
}

export interface PaperSection {
  heading: string;
  intro?: string;
  questions: PaperQuestion[];
}

const SECTION_TEXT: Record<OptOutFieldMeta['section'], { heading: MessageKey; intro?: MessageKey }> = {
  who: { heading: 'optOut.who.legend' },
  applicant: { heading: 'optOut.applicant.heading', intro: 'optOut.applicant.intro' },
  patient: { heading: 'optOut.patient.heading', intro: 'optOut.patient.intro' },
  contact: { heading: 'optOut.contact.heading', intro: 'optOut.contact.hint' },
  declaration: { heading: 'optOut.declaration.legend' },
};

/** The schema's own metadata is written with `meta()` in src/schemas/forms/opt-out.ts; this checks its shape. */
function isFieldMeta(meta: z.core.GlobalMeta | undefined): meta is z.core.GlobalMeta & OptOutFieldMeta {
  return (
    meta !== undefined &&
    typeof meta['label'] === 'string' &&
    typeof meta['section'] === 'string' &&
    meta['section'] in SECTION_TEXT
  );
}

function metaOf(schema: z.ZodMiniType): OptOutFieldMeta | undefined {
  const meta = z.globalRegistry.get(schema);
  return isFieldMeta(meta) ? meta : undefined;
}

/**
 * The paper form's sections, in the schema's order. A field the online form gains appears on
 * paper too, with the same words, because both read the schema. Fields without a label of their
 * own (the month and year boxes) belong to the field before them.
 */
export function paperFormSections(): PaperSection[] {
  const sections: PaperSection[] = [];
  let current: OptOutFieldMeta['section'] | undefined;
  for (const [name, schema] of Object.entries(optOutInputShape)) {
    const meta = metaOf(schema);
    if (!meta) continue;
    if (meta.section !== current) {
      current = meta.section;
      const text = SECTION_TEXT[meta.section];
      sections.push({ heading: t(text.heading), ...(text.intro ? { intro: t(text.intro) } : {}), questions: [] });
    }
    const kind: PaperQuestion['kind'] = name.startsWith('dateOf')
      ? 'date'
      : meta.section === 'declaration'
        ? 'declaration'
        : meta.options
          ? 'choice'
          : name === 'noPostcode'
            ? 'tick'
            : 'text';
    sections.at(-1)?.questions.push({
      name,
      label: t(meta.label),
      ...(meta.hint ? { hint: t(meta.hint) } : {}),
      kind,
      // "Who" is the section heading on paper, so its label is not repeated.
      options: (meta.options ?? []).map((option) => t(option.label)),
    });
  }
  return sections;
}
