import { Fragment, type ReactNode } from 'react';
import { Button } from '../../../forms/components/Button.tsx';
import { Select } from '../../../forms/components/Select.tsx';
import { t } from '../../../i18n/t.ts';

/**
 * Small NHS.UK pieces the queue screens share. The form components in src/forms/components
 * cover inputs, selects, tags and summary lists; these cover what only staff screens need (the
 * hidden CSRF field, the "done" banner after a post/redirect/get, queue filters and tables).
 */

/** The hidden CSRF field every staff form carries (the dispatcher checks it on POST). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrfToken" value={token} />;
}

/**
 * What the last action did (post/redirect/get: the redirect carries `?done=`), as NHS.UK inset
 * text (the staff shell loads its styles). role="status" so screen readers hear it without the
 * page's focus moving; "Success:" is read out, so the meaning is not carried by layout alone.
 */
export function DoneBanner({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="nhsuk-inset-text" role="status">
      <p>
        <span className="nhsuk-u-visually-hidden">{title}: </span>
        {message}
      </p>
    </div>
  );
}

/**
 * A queue's filter form: a plain GET, so it works without JavaScript and a filtered list can be
 * bookmarked or shared. The fields go in `children`.
 */
export function FilterForm({ action, children }: { action: string; children: ReactNode }) {
  return (
    <form method="get" action={action} className="nhsuk-u-margin-bottom-5">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{t('staffQueues.filter.legend')}</legend>
        {children}
      </fieldset>
      <Button secondary>{t('staffQueues.filter.apply')}</Button>
    </form>
  );
}

/** A filter select whose first choice, "Any", filters nothing. */
export function AnyFilter(props: {
  name: string;
  label: string;
  value: string | undefined;
  choices: readonly { value: string; label: string }[];
}) {
  return (
    <Select
      name={props.name}
      label={props.label}
      value={props.value ?? ''}
      options={[{ value: '', label: t('staffQueues.filter.any') }, ...props.choices]}
    />
  );
}

/** A queue's status filter: its usual view first, then each status by name, then every status. */
export function StatusFilter<S extends string>(props: {
  value: string;
  usual: { value: string; label: string };
  statuses: readonly S[];
  labelOf: (status: S) => string;
  allLabel: string;
}) {
  return (
    <Select
      name="status"
      label={t('staffQueues.filter.status')}
      value={props.value}
      options={[
        props.usual,
        ...props.statuses.map((status) => ({ value: status, label: props.labelOf(status) })),
        { value: 'all', label: props.allLabel },
      ]}
    />
  );
}

/** A heading for a section of a page, with the form or list under it. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={`${id}-section`} aria-labelledby={`${id}-heading`} className="nhsuk-u-margin-bottom-7">
      <h2 id={`${id}-heading`} className="nhsuk-heading-m">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A queue table's caption: how many rows it shows ("1 email not delivered", "3 items, most urgent first"). */
export const countCaption = (queue: 'feedback' | 'mail', count: number) =>
  count === 1 ? t(`staffQueues.${queue}.countOne`) : t(`staffQueues.${queue}.count`, { count });

/** An NHS.UK table's caption and header row; the caller writes the body rows. */
export function TableStart({ caption, columns }: { caption: string; columns: readonly string[] }) {
  return (
    <>
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          {columns.map((column) => (
            <th scope="col" className="nhsuk-table__header" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/**
 * Text a person or a colleague typed, shown as they wrote it: blank lines make paragraphs and
 * line breaks stay, without inline styles (which a content security policy may refuse).
 */
export function TypedText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of a fixed text never reorder.
        <p className="nhsuk-body" key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a fixed text never reorder.
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}
