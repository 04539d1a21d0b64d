// A modal dialog for the ticket page's confirmations (macro preview, newer replies): focus moves
// into it and stays there (Tab wraps), Esc cancels, and focus returns where it was once it closes.
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";

type Props = {
  /** The id of the element that names the dialog (its heading). */
  labelledBy: string;
  onCancel: () => void;
  children: ReactNode;
};

export function Dialog({ labelledBy, onCancel, children }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The first control (the safe choice is placed first by the callers) takes the focus.
    dialog.current?.querySelector<HTMLElement>("button, [href], input, select, textarea")?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== "Tab" || dialog.current === null) return;
    const focusable = dialog.current.querySelectorAll<HTMLElement>("button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex='-1'])");
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={labelledBy} className="dialog wide" onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>
  );
}
