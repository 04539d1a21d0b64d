import type { ReactNode } from "react";
import { describeError, t } from "./i18n";

/** A page's frame: the app's name and the page title. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="page">
      <p className="brand">{t("app.name")}</p>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** The API's error in plain words (nothing when there is none). */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {describeError(error)}
    </p>
  );
}

type FieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text";
  required?: boolean;
};

export function Field({ label, name, value, onChange, type = "text", autoComplete, inputMode, required = true }: FieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
