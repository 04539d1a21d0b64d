// GDPR requests for one person: export everything held about them (a link), or erase them after
// typing their email address as the confirmation. And the whole organization's export: started
// here, its progress polled, its parts offered for download when done.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, get, post } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";

/** The erasure may start only when the typed address is the person's (case and spaces aside). */
export function confirmed(typed: string, email: string): boolean {
  return email !== "" && typed.trim().toLowerCase() === email.toLowerCase();
}

export const EXPORT_POLL_MS = 2000;

/** The running export a 409 `export_running` names (its details carry `export_id`), else null. */
export function runningExport(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "export_running") return null;
  const id = error.details[0]?.export_id;
  return typeof id === "string" ? id : null;
}

export function Privacy({ session }: { session: Session }) {
  return (
    <>
      <PersonRequests session={session} />
      <OrganizationExport session={session} />
    </>
  );
}

function OrganizationExport({ session }: { session: Session }) {
  const [exportId, setExportId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => post("/organization/exports", { token: session.token, idempotencyKey: crypto.randomUUID() }),
    onSuccess: (job) => setExportId(job.id),
    // One export at a time: follow the one already running instead.
    onError: (error) => setExportId(runningExport(error) ?? exportId),
  });
  const job = useQuery({
    queryKey: ["organization-export", exportId],
    enabled: exportId !== null,
    queryFn: ({ signal }) =>
      get("/organization/exports/{export_id}", { token: session.token, params: { export_id: exportId ?? "" }, signal }),
    refetchInterval: (query) => (query.state.data?.state === "done" ? false : EXPORT_POLL_MS),
  });
  const done = job.data?.state === "done";
  return (
    <section aria-labelledby="org-export" className="panel">
      <h2 id="org-export">{t("ops.orgExport.title")}</h2>
      <p>{t("ops.orgExport.help")}</p>
      <button type="button" onClick={() => start.mutate()} disabled={start.isPending || (exportId !== null && !done)}>
        {t("ops.orgExport.start")}
      </button>
      <ErrorMessage error={runningExport(start.error) ? null : (start.error ?? job.error)} />
      {job.data && (
        <p role="status">
          {done
            ? t("ops.orgExport.done", { items: job.data.items })
            : t("ops.orgExport.running", { items: job.data.items, pages: job.data.pages })}
        </p>
      )}
      {done && job.data && (
        <ul>
          {job.data.parts.map((part, index) => (
            <li key={String(part.key)}>
              <a href={String(part.url)}>{t("ops.orgExport.part", { number: index + 1, items: Number(part.items) })}</a>
            </li>
          ))}
          {job.data.manifest && (
            <li>
              <a href={job.data.manifest.url}>{t("ops.orgExport.manifest")}</a>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function PersonRequests({ session }: { session: Session }) {
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
