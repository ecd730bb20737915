/**
 * Warns a member of staff before the 15-minute idle sign-out (WCAG 2.2.1 Timing Adjustable):
 * two minutes before, a box with "Stay signed in" appears; pressing it tells the server (which
 * restarts the idle clock). At the limit the page signs out (a POST, so the server ends the
 * session there and then) and lands on the sign-in page, which says why.
 * Without JavaScript nothing shows, and the server still ends the session after 15 minutes.
 * Timers run on Date/setTimeout, so tests can drive them with Playwright's fake clock.
 */
const box = document.getElementById('staff-idle-warning');
const stay = document.getElementById('staff-idle-stay');

if (box && stay) {
  const idleMs = Number(box.dataset['idleMs']);
  const warnMs = Number(box.dataset['warnMs']);
  const csrfToken = box.dataset['csrfToken'] ?? '';
  let warnTimer: ReturnType<typeof setTimeout> | undefined;
  let endTimer: ReturnType<typeof setTimeout> | undefined;

  const signOut = () => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/staff/sign-out';
    for (const [name, value] of [
      ['csrfToken', csrfToken],
      ['reason', 'timeout'],
    ]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name ?? '';
      input.value = value ?? '';
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  };

  const start = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(() => {
      box.hidden = false;
      stay.focus();
    }, idleMs - warnMs);
    endTimer = setTimeout(signOut, idleMs);
  };

  stay.addEventListener('click', async () => {
    const response = await fetch('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
      body: '{}',
    });
    if (response.ok) start();
    else signOut();
  });
  start();
}
