import { z } from 'zod';
import { consultationTemplates } from '../consultations/results-email.ts';
import { subscriptionTemplates } from '../subscriptions/emails.ts';
import { updateTemplates } from '../subscriptions/update-emails.ts';
import { defineTemplate, type EmailTemplate, type RenderContext } from './define-template.ts';
import { feedbackTemplates } from './templates-feedback.ts';
import { optOutTemplates } from './templates-opt-out.ts';
import { optOutAppliedTemplates } from './templates-opt-out-applied.ts';
import { staffAuthTemplates } from './templates-staff-auth.ts';
import { staffQueuesTemplates } from './templates-staff-queues.ts';

export type { EmailTemplate, RenderedEmail } from './define-template.ts';

/**
 * Every email the service sends, by name. Feature modules add theirs here, so that whichever
 * process dispatches the outbox (the local timer or a scheduled function) can render any message.
 */
export const templates = {
  /** Sent by `npm run mail:test` (scripts/mail-test.ts) and the tests to prove a mail route works end to end. */
  'delivery-check': defineTemplate({
    params: z.object({ reference: z.string().min(1) }),
    render: ({ reference }, { schemeName }) => ({
      subject: `${schemeName}: test message ${reference}`,
      text: `This is a test message from the ${schemeName} website.\n\nReference: ${reference}\n\nYou do not need to do anything.\n`,
    }),
  }),
  ...feedbackTemplates,
  ...optOutTemplates,
  ...optOutAppliedTemplates,
  ...staffAuthTemplates,
  ...staffQueuesTemplates,
  ...subscriptionTemplates,
  ...updateTemplates,
  ...consultationTemplates,
} satisfies Record<string, EmailTemplate<z.ZodType<Record<string, string>>>>;

export type TemplateName = keyof typeof templates;
export type TemplateParams<N extends TemplateName> = z.infer<(typeof templates)[N]['params']>;

/** Renders a stored message; a template that no longer accepts its parameters is an error. */
export function renderTemplate(name: string, params: unknown, context: RenderContext) {
  if (!(name in templates)) throw new Error(`Unknown email template "${name}"`);
  // Seen as the common template shape: its params schema checks the stored values before render.
  const template: EmailTemplate<z.ZodType<Record<string, string>>> = templates[name as TemplateName];
  return template.render(template.params.parse(params), context);
}
