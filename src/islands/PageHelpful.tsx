import { type FormEvent, useEffect, useRef, useState } from 'react';
import { PageHelpfulComment, PageHelpfulDone, PageHelpfulVote } from '../forms/feedback/PageHelpfulForms.tsx';
import { type FieldError, validateForm } from '../forms/validation.ts';
import { t } from '../i18n/t.ts';
import { pageHelpfulCommentSchema } from '../schemas/forms/feedback-page-helpful.ts';

type Step =
  | { step: 'ask' }
  | { step: 'comment'; helpful: 'yes' | 'no'; followUp: string; errors: FieldError[] }
  | { step: 'done' }
  | { step: 'failed' };

async function post(body: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch('/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) return undefined;
    const data: unknown = await response.json();
    return typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Was this page helpful?" with JavaScript: the answer is sent in the background and the comment
 * box appears in place, so the reader never leaves the page. Focus moves to the new heading so a
 * screen reader user hears what changed. Without JavaScript the same buttons post the form and the
 * function shows the comment box on its own page.
 */
export default function PageHelpful({ path }: { path: string }) {
  const [state, setState] = useState<Step>({ step: 'ask' });
  const heading = useRef<HTMLHeadingElement>(null);
  const failed = useRef<HTMLParagraphElement>(null);
  const idempotencyKey = useRef<string>('');

  useEffect(() => {
    if (state.step !== 'ask') (heading.current ?? failed.current)?.focus();
  }, [state.step]);

  const vote = async (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const helpful = submitter instanceof HTMLButtonElement && submitter.value === 'yes' ? 'yes' : 'no';
    event.preventDefault();
    idempotencyKey.current ||= crypto.randomUUID();
    const saved = await post({ kind: 'page-helpful', path, helpful, idempotencyKey: idempotencyKey.current });
    const followUp = saved?.['followUp'];
    setState(typeof followUp === 'string' ? { step: 'comment', helpful, followUp, errors: [] } : { step: 'failed' });
  };

  const comment = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.step !== 'comment') return;
    const fields = {
      kind: 'page-helpful-comment',
      path,
      followUp: state.followUp,
      comment: String(new FormData(event.currentTarget).get('comment') ?? ''),
    };
    const result = validateForm(pageHelpfulCommentSchema(), fields);
    if (!result.ok) {
      setState({ ...state, errors: result.errors });
      return;
    }
    setState((await post(fields)) ? { step: 'done' } : { step: 'failed' });
  };

  return (
    <div className="clearshare-page-helpful">
      {state.step === 'ask' ? <PageHelpfulVote path={path} onSubmit={vote} /> : null}
      {state.step === 'comment' ? (
        <PageHelpfulComment
          path={path}
          helpful={state.helpful}
          followUp={state.followUp}
          headingLevel={2}
          headingRef={heading}
          errors={state.errors}
          onSubmit={comment}
        />
      ) : null}
      {state.step === 'done' ? <PageHelpfulDone path={path} headingLevel={2} headingRef={heading} /> : null}
      {state.step === 'failed' ? (
        <p className="nhsuk-error-message" ref={failed} tabIndex={-1}>
          {t('feedback.helpful.failed')}
        </p>
      ) : null}
    </div>
  );
}
