import { z } from 'zod';
import { isReference } from '../../domain/reference.ts';
import { LANGUAGE_CODES } from '../../i18n/languages.ts';

/**
 * What an email template is, and the parameter types they share. Each templates-*.ts file
 * imports these from here and templates.ts gathers them, so no template module imports the
 * registry that imports it (the import cycle that had defineTemplate copied into four files).
 */

/** A rendered email. Subjects and bodies never contain a person's answers or personal data. */
export interface RenderedEmail {
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe on every email to a subscriber (src/server/subscriptions/emails.ts). */
  headers?: Readonly<Record<string, string>>;
}

/** What every template may use: the public address, the staff address (STAFF_ORIGIN, when set) and the scheme's name. */
export interface RenderContext {
  siteUrl: string;
  staffUrl?: string | undefined;
  schemeName: string;
}

/** A template: the parameters it needs (checked when queued and again when sent) and its text. */
export interface EmailTemplate<P extends z.ZodType<Record<string, string>>> {
  params: P;
  render(params: z.infer<P>, context: RenderContext): RenderedEmail;
}

/** Declares a template with typed parameters. */
export const defineTemplate = <P extends z.ZodType<Record<string, string>>>(template: EmailTemplate<P>) => template;

/** A reference as src/domain/reference.ts makes them; anything else is refused when queued and when sent. */
export const reference = () => z.string().refine((value): boolean => isReference(value), 'Not a reference');

/**
 * The language a resident used on the form: their emails are written in it. A message queued
 * before languages existed has none and is sent in English.
 */
export const language = () => z.enum(LANGUAGE_CODES).default('en');

/** Tokens are 32 random bytes in base64url; anything else is refused when queued and when sent. */
export const token = () => z.string().regex(/^[A-Za-z0-9_-]{43}$/);
