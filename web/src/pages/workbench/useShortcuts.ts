import { useEffect, useRef } from 'react';

/**
 * A shortcut: a key in lower case ('n', '1', 'escape', '?') or 'ctrl+enter' (Ctrl or ⌘). Handlers are read
 * through a ref, so callers may pass a fresh object on every render.
 */
export type ShortcutMap = Partial<Record<string, () => void>>;

/** Whether the key event comes from somewhere the agent types: then no plain-key shortcut fires. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  // antd Select / DatePicker keep focus on an inner element of these widgets.
  return target.closest('.ant-select, .ant-picker, [role="combobox"]') !== null;
}

/** Whether a dialog (SMS, confirm) is open: the page's shortcuts pause under it. */
function dialogOpen(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('.ant-modal-wrap, [role="dialog"]')) return true;
  return Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-wrap')).some(
    (wrap) => getComputedStyle(wrap).display !== 'none',
  );
}

function keyOf(event: KeyboardEvent): string | null {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) return event.key === 'Enter' ? 'ctrl+enter' : null;
  return event.key.toLowerCase();
}

/**
 * Page-wide keyboard shortcuts. None fires under an open dialog, and plain keys never fire while
 * typing in a field; Ctrl+Enter (submit) is not a typing key, so it also works from the notes field.
 */
export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const key = keyOf(event);
      if (key === null) return;
      if (dialogOpen(event.target)) return;
      if (key !== 'ctrl+enter' && isTypingTarget(event.target)) return;
      const handler = ref.current[key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
