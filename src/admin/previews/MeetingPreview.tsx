import { formatDate, t } from '../../i18n/t.ts';
import { meetingGroups } from '../../schemas/meeting.ts';
import { date, records, text, texts } from './entry-data.ts';
import { ExampleNotice, PreviewPage, ReviewDates } from './PreviewPage.tsx';
import { isOneOf, type PreviewProps } from './preview-props.ts';

/**
 * src/pages/governance/meetings/[slug].astro: a meeting summary as residents see it, with the same
 * headings and strings. The reading-age check scores the decisions and the questions and answers
 * too, because residents read those, not only the Markdown body.
 */
export function MeetingPreview({ data, children, body, target }: PreviewProps) {
  const group = text(data, 'group');
  const held = date(data, 'date');
  const decisions = texts(data, 'decisions');
  const questions = records(data, 'questions').map((q) => ({
    question: text(q, 'question'),
    answer: text(q, 'answer'),
  }));
  const readingText = [...decisions, ...questions.flatMap((q) => [q.question, q.answer]), body].join('\n\n');
  return (
    <PreviewPage readingText={readingText} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      <ExampleNotice data={data} />
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
        {isOneOf(meetingGroups, group) ? `${t(`governance.meetings.group.${group}`)}. ` : ''}
        {held ? `${t('governance.meetings.held', { date: formatDate(held) })}.` : ''}
      </p>
      <h2>{t('governance.meetings.attended')}</h2>
      <p>{t('governance.meetings.attendedHint')}</p>
      <ul>
        {texts(data, 'attendees').map((role) => (
          <li key={role}>{role}</li>
        ))}
      </ul>
      <h2>{t('governance.meetings.decisions')}</h2>
      <ul>
        {decisions.map((decision) => (
          <li key={decision}>{decision}</li>
        ))}
      </ul>
      <h2>{t('governance.meetings.questions')}</h2>
      {questions.length === 0 ? (
        <p>{t('governance.meetings.noQuestions')}</p>
      ) : (
        questions.map(({ question, answer }) => (
          <div className="nhsuk-inset-text" key={question}>
            <span className="nhsuk-u-visually-hidden">{t('site.information')}</span>
            <p>
              <strong>{t('governance.meetings.question')}</strong> {question}
            </p>
            <p>
              <strong>{t('governance.meetings.answer')}</strong> {answer}
            </p>
          </div>
        ))
      )}
      {children}
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}
