import type { ShownConsultation } from '../domain/consultation-translation.ts';
import { ConsultationForm as Form } from '../forms/consultations/ConsultationForm.tsx';
import type { IslandStrings } from '../forms/island-language.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { usePostedFormIsland } from '../forms/use-island-form.ts';
import { consultationAnswerSchema } from '../schemas/forms/consultation-answer.ts';

interface Props {
  slug: string;
  /** The questions in the page's language, with the English values (src/domain/consultation-translation.ts). */
  consultation: Pick<ShownConsultation, 'questions' | 'anonymous'>;
  /** The page's strings (src/forms/strings-for-island.ts). */
  strings: IslandStrings;
}

/**
 * A consultation's form with JavaScript: each answer is checked as the person goes, with the
 * schema the function builds from the same questions. Without JavaScript the same static HTML
 * posts and the function answers with the error summary, so nothing depends on this island.
 */
export default function ConsultationForm({ slug, consultation, strings }: Props) {
  const { lang, state } = usePostedFormIsland(strings, () => consultationAnswerSchema(consultation), [consultation]);
  return (
    <LanguageScope lang={lang}>
      <Form slug={slug} consultation={consultation} {...state} />
    </LanguageScope>
  );
}
