// A secret the API shows once, for the admins' integration pages (tokens, webhook secrets).
import { t } from "../i18n";

/** A secret the API shows once (a new token or signing secret), until the admin dismisses it. */
export function ShownOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <div role="status" className="shown-once">
      <label className="field">
        <span>{t("ops.secretLabel", { name })}</span>
        <input readOnly value={secret} onFocus={(event) => event.target.select()} />
      </label>
      <p className="notice">{t("ops.once")}</p>
      <button type="button" onClick={onDone}>
        {t("ops.dismiss")}
      </button>
    </div>
  );
}
