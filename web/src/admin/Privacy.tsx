// GDPR requests for one person: export everything held about them (a link), or erase them after
// typing their email address as the confirmation.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { get, post } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";

/** The erasure may start only when the typed address is the person's (case and spaces aside). */
export function confirmed(typed: string, email: string): boolean {
  return email !== "" && typed.trim().toLowerCase() === email.toLowerCase();
}

export function Privacy({ session }: { session: Session }) {
  const [userId, setUserId] = useState("");
  const [typed, setTyped] = useState("");
  const people = useQuery({
    queryKey: ["users", "privacy"],
    queryFn: ({ signal }) => get("/users", { token: session.token, query: { limit: 100 }, signal }),
  });
  const person = people.data?.items.find((user) => user.id === userId);
  const exported = useMutation({
    mutationFn: () =>
      post("/users/{user_id}/export", { token: session.token, params: { user_id: userId }, idempotencyKey: crypto.randomUUID() }),
  });
  const erased = useMutation({
    mutationFn: () => post("/users/{user_id}/anonymize", { token: session.token, params: { user_id: userId } }),
  });
  const choose = (id: string) => {
    setUserId(id);
    setTyped("");
    exported.reset();
    erased.reset();
  };
  const erase = (event: FormEvent) => {
    event.preventDefault();
    if (person && confirmed(typed, person.email)) erased.mutate();
  };
  return (
    <>
      <label className="field">
        <span>{t("ops.privacy.person")}</span>
        <select value={userId} onChange={(event) => choose(event.target.value)}>
          <option value="">{t("ops.privacy.choose")}</option>
          {people.data?.items.map((user) => (
            <option key={user.id} value={user.id}>
              {`${user.first_name} ${user.last_name} <${user.email}>`}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={people.error} />
      {person && (
        <>
          <section aria-labelledby="privacy-export" className="panel">
            <h2 id="privacy-export">{t("ops.privacy.export")}</h2>
            <button type="button" onClick={() => exported.mutate()} disabled={exported.isPending}>
              {t("ops.privacy.export")}
            </button>
            <ErrorMessage error={exported.error} />
            {exported.data && (
              <p role="status">
                {t("ops.privacy.exported", { time: formatDateTime(exported.data.expires_at) })}{" "}
                <a href={exported.data.url}>{t("ops.privacy.download")}</a>
              </p>
            )}
          </section>
          {person.id !== session.user.id && (
            <form aria-labelledby="privacy-erase" className="panel" onSubmit={erase}>
              <h2 id="privacy-erase">{t("ops.privacy.erase")}</h2>
              <p className="notice">{t("ops.privacy.eraseWarning")}</p>
              <label className="field">
                <span>{t("ops.privacy.confirmLabel")}</span>
                <input value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
              </label>
              <ErrorMessage error={erased.error} />
              {erased.data ? (
                <p role="status">
                  {t("ops.privacy.erased", {
                    tickets: erased.data.tickets,
                    work_orders: erased.data.work_orders,
                    files: erased.data.files_deleted,
                  })}
                </p>
              ) : (
                <button type="submit" disabled={!confirmed(typed, person.email) || erased.isPending}>
                  {t("ops.privacy.confirmErase")}
                </button>
              )}
            </form>
          )}
        </>
      )}
    </>
  );
}
