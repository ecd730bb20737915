import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Column } from '../../src/server/staff/views/Column.tsx';
import { AnyFilter, countCaption, FilterForm, StatusFilter } from '../../src/server/staff/views/parts.tsx';
import { StaffTable, TableRow } from '../../src/server/staff/views/StaffTable.tsx';

/** The staff screens' shared table: the NHS.UK markup each screen used to write out by hand. */
describe('StaffTable', () => {
  const render = (props: { label?: string; queueKeys?: boolean }) =>
    renderToStaticMarkup(
      <StaffTable caption="Work today" columns={['Queue', 'Due']} {...props}>
        <TableRow
          key="a"
          cells={[
            <a key="link" href="/staff/feedback">
              Feedback
            </a>,
            3,
          ]}
        />
        <TableRow key="b" cells={['Opt-outs', 0]} />
      </StaffTable>,
    );

  it('renders the NHS.UK caption, header row and body cells in a scrolling region named by the caption', () => {
    expect(render({})).toBe(
      '<div class="staff-table-scroll" role="region" aria-label="Work today" tabindex="0">' +
        '<table class="nhsuk-table"><caption class="nhsuk-table__caption">Work today</caption>' +
        '<thead class="nhsuk-table__head"><tr><th scope="col" class="nhsuk-table__header">Queue</th>' +
        '<th scope="col" class="nhsuk-table__header">Due</th></tr></thead><tbody class="nhsuk-table__body">' +
        '<tr class="nhsuk-table__row"><td class="nhsuk-table__cell"><a href="/staff/feedback">Feedback</a></td>' +
        '<td class="nhsuk-table__cell">3</td></tr>' +
        '<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">Opt-outs</td>' +
        '<td class="nhsuk-table__cell">0</td></tr></tbody></table></div>',
    );
  });

  it('names the region by its own label when given one', () => {
    expect(render({ label: 'What needs doing' })).toContain('aria-label="What needs doing"');
  });

  it('marks the table for the queue keys only when asked', () => {
    expect(render({})).not.toContain('data-queue-keys');
    expect(render({ queueKeys: true })).toContain('<table class="nhsuk-table" data-queue-keys="">');
  });
});

describe('countCaption', () => {
  it('says one row in the singular and more in the plural, per queue', () => {
    expect(countCaption('mail', 1)).toBe('1 email not delivered');
    expect(countCaption('feedback', 1)).toBe('1 item');
    expect(countCaption('feedback', 0)).toBe('0 items, most urgent first');
  });
});

describe('the queue filter pieces', () => {
  const html = renderToStaticMarkup(
    <FilterForm action="/staff/feedback">
      <AnyFilter name="due" label="Due" value={undefined} choices={[{ value: 'today', label: 'Today' }]} />
      <StatusFilter
        value="open"
        usual={{ value: 'open', label: 'Open' }}
        statuses={['new', 'closed']}
        labelOf={(status) => status.toUpperCase()}
        allLabel="All"
      />
    </FilterForm>,
  );

  it('is a plain GET form with a legend and an apply button', () => {
    const form = html.match(/^<form [^>]*>/)?.[0] ?? '';
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/staff/feedback"');
    expect(html).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">');
    expect(html).toMatch(/<\/fieldset><button[^>]*>[^<]+<\/button><\/form>$/);
  });

  it('offers "Any" first and then the choices; the status filter its usual view, each status, then all', () => {
    const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => `${m[1]}=${m[2]}`);
    expect(options).toEqual(['=Any', 'today=Today', 'open=Open', 'new=NEW', 'closed=CLOSED', 'all=All']);
    expect(html).toMatch(/<option value="open" selected="">/);
  });
});

describe('Column', () => {
  it('puts the error summary first when the page has errors, and none when it has no form', () => {
    const withErrors = renderToStaticMarkup(
      <Column errors={[{ field: 'name', message: 'Enter a name' }]}>
        <h1>Invite</h1>
      </Column>,
    );
    expect(withErrors).toMatch(
      /^<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds"><div class="nhsuk-error-summary".*href="#name".*<\/div><h1>Invite<\/h1><\/div><\/div>$/,
    );
    expect(
      renderToStaticMarkup(
        <Column>
          <h1>Not allowed</h1>
        </Column>,
      ),
    ).toBe('<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds"><h1>Not allowed</h1></div></div>');
  });
});
