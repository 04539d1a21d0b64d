// The keyboard help (`?`): a modal dialog that keeps focus inside and closes with Esc.
import { type KeyboardEvent, useEffect, useRef } from "react";
import { t } from "../i18n";
import { SHORTCUTS } from "./keys";

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    // Back where the user was once the dialog is gone.
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab" || dialog.current === null) return;
    const focusable = dialog.current.querySelectorAll<HTMLElement>("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])");
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
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="help-title" className="dialog" onKeyDown={onKeyDown}>
        <h2 id="help-title">{t("keys.title")}</h2>
        <dl className="keys">
          {SHORTCUTS.map(({ action, keys }) => (
            <div key={action}>
              <dt>
                {keys.split(" ").map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`keys.${action}`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t("keys.typing")}</p>
        <button ref={close} type="button" onClick={onClose}>
          {t("keys.close")}
        </button>
      </div>
    </div>
  );
}
