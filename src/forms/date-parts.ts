/**
 * A date field's three boxes (the NHS.UK date input, src/forms/components/DateInput.tsx), in the
 * order they are shown. Each posts as the field's name and the part with a capital, e.g.
 * dateOfBirthDay, dateOfBirthMonth, dateOfBirthYear: the one place those names are made, so the
 * input, live validation (which box belongs to which message) and the readers of a post agree.
 * No React here: live validation and the schemas import it without pulling in the components.
 */
export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** The name a date field's box posts under: datePartName('dateOfBirth', 'month') is dateOfBirthMonth. */
export const datePartName = (name: string, part: DatePart) => `${name}${part.charAt(0).toUpperCase()}${part.slice(1)}`;

/** The three posted parts of a date field (`<name>Day/Month/Year`) from a form's kept values. */
export function dateParts(values: Readonly<Record<string, string | undefined>>, name: string) {
  return {
    day: values[datePartName(name, 'day')],
    month: values[datePartName(name, 'month')],
    year: values[datePartName(name, 'year')],
  };
}
