// The audit log: administrative actions, newest first, filtered by day range and action, paged.
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { get } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";

const PAGE_SIZE = 50;
type Filter = { from: string; to: string; action: string };

/** The API's query for the chosen days (whole days, UTC) and action; empty fields are left out. */
export function auditQuery(filter: Filter): { from?: string; to?: string; action?: string } {
  return {
    ...(filter.from ? { from: `${filter.from}T00:00:00Z` } : {}),
    ...(filter.to ? { to: `${filter.to}T23:59:59Z` } : {}),
    ...(filter.action.trim() ? { action: filter.action.trim() } : {}),
  };
}

export function AuditLog({ session }: { session: Session }) {
  const [draft, setDraft] = useState<Filter>({ from: "", to: "", action: "" });
  const [filter, setFilter] = useState<Filter>(draft);
  const entries = useInfiniteQuery({
    queryKey: ["audit-log", filter],
    queryFn: ({ pageParam, signal }) =>
      get("/audit-log", { token: session.token, query: { ...auditQuery(filter), limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <form className="filters" aria-label={t("ops.audit.filter")} onSubmit={submit}>
        <Field label={t("ops.audit.from")} name="from" type="date" required={false} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        <Field label={t("ops.audit.to")} name="to" type="date" required={false} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        <Field label={t("ops.audit.action")} name="action" required={false} value={draft.action} onChange={(action) => setDraft({ ...draft, action })} />
        <button type="submit">{t("ops.audit.filter")}</button>
      </form>
      <ErrorMessage error={entries.error} />
      {entries.isPending ? (
        <p>{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("ops.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("ops.audit.when")}</th>
              <th scope="col">{t("ops.hooks.event")}</th>
              <th scope="col">{t("ops.audit.actor")}</th>
              <th scope="col">{t("ops.audit.target")}</th>
              <th scope="col">{t("ops.audit.address")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.created_at)}</td>
                <td>{entry.action}</td>
                <td>
                  {entry.actor_id}
                  {entry.actor_role ? ` (${entry.actor_role})` : ""}
                </td>
                <td>
                  {entry.target_type} {entry.target_id}
                </td>
                <td>{entry.ip_address ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.hasNextPage && (
        <button type="button" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
          {t("ops.more")}
        </button>
      )}
    </>
  );
}
