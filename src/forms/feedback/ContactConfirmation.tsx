import type { FeedbackType } from '../../domain/feedback.ts';
import { t } from '../../i18n/t.ts';
import { ConfirmationPage } from '../components/ConfirmationPage.tsx';

interface Props {
  reference: string;
  type: FeedbackType;
  /** The date we will act by, in words ("2 December 2026"), or null when no clock runs. */
  dueDate: string | null;
  replyWanted: boolean;
  emailSent: boolean;
  phone: string;
  phoneHours: string;
}

/** What happens next, in one sentence that matches the clock that runs for this type. */
function nextStep({ type, dueDate, replyWanted }: Pick<Props, 'type' | 'dueDate' | 'replyWanted'>): string {
  if (dueDate !== null && (type === 'complaint' || type === 'rights-request')) {
    return t(`feedback.confirmation.next.${type}`, { date: dueDate });
  }
  if (!replyWanted) return t('feedback.confirmation.next.noReply');
  if (dueDate !== null) return t('feedback.confirmation.next.question', { date: dueDate });
  return t('feedback.confirmation.next.thanks');
}

/** The confirmation page after the contact form: the reference, and what happens next and when. */
export function ContactConfirmation(props: Props) {
  return (
    <ConfirmationPage
      title={t('feedback.confirmation.title')}
      label={t('feedback.confirmation.reference')}
      reference={props.reference}
    >
      {props.emailSent ? <p>{t('feedback.confirmation.emailSent')}</p> : null}
      <h2>{t('feedback.confirmation.next.heading')}</h2>
      <p>{nextStep(props)}</p>
      <p>{t('feedback.confirmation.keepReference')}</p>
      <p>{t('feedback.confirmation.call', { phone: props.phone, hours: props.phoneHours })}</p>
      <p>
        <a href="/">{t('feedback.confirmation.back')}</a>
      </p>
    </ConfirmationPage>
  );
}
