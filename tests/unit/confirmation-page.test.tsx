import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ContactConfirmation } from '../../src/forms/feedback/ContactConfirmation.tsx';
import { ConfirmationView } from '../../src/forms/opt-out/ConfirmationView.tsx';

/** Both confirmation pages open with the same ConfirmationPage panel: the page's only h1, then the reference. */
describe('the confirmation page', () => {
  const pages = [
    ['the opt-out', renderToStaticMarkup(<ConfirmationView reference="AB2CD3EF" emailSent workingDays={10} />)],
    [
      'the contact form',
      renderToStaticMarkup(
        <ContactConfirmation
          reference="AB2CD3EF"
          type="question"
          dueDate={null}
          replyWanted={false}
          emailSent={false}
          phone="0300 000 0000"
          phoneHours="9am to 5pm"
        />,
      ),
    ],
  ] as const;

  it.each(pages)('%s: has one h1, in the panel, before the reference', (_, html) => {
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toMatch(/<div class="nhsuk-panel"><h1 class="nhsuk-panel__title">/);
    expect(html.indexOf('</h1>')).toBeLessThan(html.indexOf('AB2CD3EF'));
  });

  it.each(pages)('%s: shows the reference left to right, findable by tests', (_, html) => {
    expect(html).toContain('<strong class="clearshare-reference" data-testid="reference" dir="ltr">AB2CD3EF</strong>');
  });
});
