import { useEffect, useMemo, useState } from 'react';
import { ConsultationForm as Form } from '../forms/consultations/ConsultationForm.tsx';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { useErrorTitle } from '../forms/opt-out/use-error-title.ts';
import { useLiveValidation } from '../forms/use-live-validation.ts';
import { inLanguage, type Language } from '../i18n/t.ts';
import type { ConsultationData } from '../schemas/consultation.ts';
import { consultationAnswerSchema } from '../schemas/forms/consultation-answer.ts';

interface Props {
  slug: string;
  consultation: Pick<ConsultationData, 'questions' | 'anonymous'>;
  lang?: Language;
}

/**
 * A consultation's form with JavaScript: each answer is checked as the person goes, with the
 * schema the function builds from the same questions. Without JavaScript the same static HTML
 * posts and the function answers with the error summary, so nothing depends on this island.
 */
export default function ConsultationForm({ slug, consultation, lang = 'en' }: Props) {
  const schema = useMemo(() => inLanguage(lang, () => consultationAnswerSchema(consultation)), [lang, consultation]);
  const live = useLiveValidation(schema);
  const [idempotencyKey, setIdempotencyKey] = useState<string | undefined>(undefined);
  // After hydration, so the first render matches the static HTML exactly.
  useEffect(() => setIdempotencyKey(crypto.randomUUID()), []);
  // GOV.UK pattern: the title starts "Error: " while errors show, as on the server's error page.
  useErrorTitle(live.summaryErrors.length);
  return (
    <LanguageScope lang={lang}>
      <Form
        slug={slug}
        consultation={consultation}
        errors={live.errors}
        summaryErrors={live.summaryErrors}
        idempotencyKey={idempotencyKey}
        summaryRef={live.summaryRef}
        formProps={live.formProps}
      />
    </LanguageScope>
  );
}
