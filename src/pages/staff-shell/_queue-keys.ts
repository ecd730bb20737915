/**
 * Keyboard shortcuts for a staff work list (the opt-out queue marks its table `data-queue-keys`):
 * j moves to the next request's checkbox, k to the one before, x ticks or clears it.
 *
 * Single-letter shortcuts must not take keys from people who need them (WCAG 2.1.4 Character
 * Key Shortcuts), so they act only while focus is on a row of the list, never while typing in a
 * box, never with Ctrl, Alt or Meta (screen reader and browser commands), and they can be turned
 * off with the switch the page documents them beside (remembered in this browser). A screen
 * reader in browse mode keeps its own letter keys (NVDA's and JAWS's k for links, x for
 * checkboxes): the page only hears them in focus mode, when the person has chosen to pass keys
 * on. Focus moves to the checkbox itself, so a screen reader says which request and whether it
 * is ticked. Without JavaScript none of this exists and the list is plain checkboxes.
 */
const list = document.querySelector<HTMLElement>('[data-queue-keys]');
const switchBox = document.getElementById('queue-keys-switch');
const toggle = document.getElementById('queue-keys-on');
const STORAGE_KEY = 'clearshare.staff.queueKeys';

const remembered = (): string | null => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage refused (privacy settings): the shortcuts stay on for this page only.
  }
};

if (list && switchBox && toggle instanceof HTMLInputElement) {
  switchBox.hidden = false;
  toggle.checked = remembered() !== 'off';
  toggle.addEventListener('change', () => {
    try {
      localStorage.setItem(STORAGE_KEY, toggle.checked ? 'on' : 'off');
    } catch {
      // Not remembered; the choice still holds on this page.
    }
  });

  const boxes = () => [...list.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="reference"]')];
  const isTyping = (target: Element) =>
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && target.type !== 'checkbox') ||
    (target instanceof HTMLElement && target.isContentEditable);

  list.addEventListener('keydown', (event) => {
    if (!toggle.checked || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target;
    if (!(target instanceof Element) || isTyping(target)) return;
    const row = target.closest('tr');
    const all = boxes();
    const current = all.findIndex((box) => box.closest('tr') === row);
    if (current === -1) return;
    const move = (to: number) => all[Math.min(Math.max(to, 0), all.length - 1)]?.focus();
    if (event.key === 'j') move(current + 1);
    else if (event.key === 'k') move(current - 1);
    else if (event.key === 'x') all[current]?.click();
    else return;
    event.preventDefault();
  });
}
