import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { ErrorSummary } from '../../src/forms/components/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

it('the error summary takes focus when the page loads, without a React warning in the server log', () => {
  const warnings = vi.spyOn(console, 'error').mockImplementation(() => {});
  const html = renderToStaticMarkup(
    <ErrorSummary errors={[{ field: 'who', message: 'Select who the opt-out is for' }]} />,
  );
  // Without JavaScript only the autofocus attribute moves focus, so screen readers start at the errors.
  expect(html).toMatch(/<div class="nhsuk-error-summary" tabindex="-1" autofocus=""/);
  expect(warnings.mock.calls.map((call) => String(call[0]))).toEqual([]);
});
