// The search page (/app/search?q=...): every ticket the agent may see that matches the query, with
// the matched words marked in plain-text snippets, "Load more", and "Save as view" for the query's
// filters. The header's box (Workspace) holds the query; this page tells it when the API refused it.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ApiError, type ErrorBody, get, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { PAGE_SIZE, POLL_MS } from "./Inbox";
import { type Ticket, type User } from "./queues";
import { highlightPieces } from "./search";
import { type Column, TicketTable } from "./TicketTable";
import { ViewForm } from "./Views";

type SearchPage = Schemas["TicketSearchResults"];
type Highlight = Schemas["SearchHighlight"];
type TicketFilter = Schemas["TicketFilterOutput"];

export const SEARCH_COLUMNS: readonly Column[] = ["status", "priority", "assignee", "sla", "updated_at"];

type SearchResultsProps = {
  session: Session;
  q: string;
  /** Staff by id, for the assignees' names. */
  users: ReadonlyMap<string, User>;
  /** The API's objections to the query (422 `invalid_query` details), null when it took it. */
  onInvalid: (details: ErrorBody["details"] | null) => void;
  onViewSaved: (id: string) => void;
};

export function SearchResults({ session, q, users, onInvalid, onViewSaved }: SearchResultsProps) {
  const results = useInfiniteQuery({
    queryKey: ["search", session.user.id, q],
    queryFn: ({ pageParam, signal }) =>
      get("/search/tickets", { token: session.token, query: { q, include: "sla", limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: SearchPage) => last.next_cursor,
    enabled: q.trim() !== "",
    staleTime: POLL_MS,
  });
  const [saving, setSaving] = useState(false);
  const [now] = useState(() => Date.now());
  const invalid = results.error instanceof ApiError && results.error.code === "invalid_query" ? results.error.details : null;
  useEffect(() => {
    onInvalid(invalid);
    return () => onInvalid(null);
  }, [invalid, onInvalid]);

  const pages = results.data?.pages;
  const hits = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  const highlights = useMemo(() => new Map(hits.map((hit) => [hit.ticket.ticket_number, hit.highlights])), [hits]);
  const tickets = useMemo(() => hits.map((hit) => hit.ticket), [hits]);
  const filter = pages?.[0]?.query.filter;
  const filtered = filter !== undefined && hasCriteria(filter);

  return (
    <section aria-labelledby="search-title">
      <div className="list-head">
        <h1 id="search-title">{t("search.title")}</h1>
        <p className="queue-name">{t("search.for", { q })}</p>
        {filtered && !saving && (
          <button type="button" className="push" onClick={() => setSaving(true)}>
            {t("search.saveAsView")}
          </button>
        )}
      </div>
      {saving && filter !== undefined && (
        <ViewForm
          session={session}
          filter={filter}
          onSaved={(id) => {
            setSaving(false);
            onViewSaved(id);
          }}
          onCancel={() => setSaving(false)}
        />
      )}
      {q.trim() === "" && <p>{t("search.empty")}</p>}
      {results.isFetching && pages === undefined && <p>{t("app.loading")}</p>}
      {invalid === null && <ErrorMessage error={results.error} />}
      {pages !== undefined && tickets.length === 0 && <p>{t("search.none")}</p>}
      {tickets.length > 0 && (
        <TicketTable
          key={q}
          tickets={tickets}
          columns={SEARCH_COLUMNS}
          caption={t("search.caption", { q })}
          users={users}
          now={now}
          below={(ticket: Ticket) => <Snippets highlights={highlights.get(ticket.ticket_number) ?? []} />}
        />
      )}
      {results.hasNextPage && (
        <button type="button" onClick={() => results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {t("search.more")}
        </button>
      )}
    </section>
  );
}

/** Whether a filter narrows anything (saving one that does not would save "every ticket"). */
export function hasCriteria(filter: Partial<TicketFilter>): boolean {
  return Object.values(filter).some((value) => {
    if (value === null || value === undefined) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "object") return Object.keys(value).length > 0;
    return true;
  });
}

/** Where the query matched: each snippet's text with the matches marked, as text (never HTML). */
export function Snippets({ highlights }: { highlights: Highlight[] }) {
  if (highlights.length === 0) return null;
  return (
    <ul className="snippets" aria-label={t("search.matches")}>
      {highlights.map((highlight, index) => (
        <li key={`${highlight.field}-${highlight.comment_id ?? ""}-${index}`}>
          <span className="snippet-field">{t(`search.in.${highlight.field}`)}</span>{" "}
          {highlightPieces(highlight.text, highlight.matches).map((piece, at) => (piece.mark ? <mark key={at}>{piece.text}</mark> : piece.text))}
        </li>
      ))}
    </ul>
  );
}

/** The query syntax, behind a button next to the search box (Esc or the button closes it). */
export function SearchHelp() {
  const [open, setOpen] = useState(false);
  return (
    <div
      className="search-help"
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
      <button type="button" className="link" aria-expanded={open} aria-controls="search-syntax" onClick={() => setOpen(!open)}>
        {t("search.syntax")}
      </button>
      {open && (
        <div id="search-syntax" className="popover">
          <dl className="syntax">
            {SYNTAX.map(([example, key]) => (
              <div key={example}>
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{t(key)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}

const SYNTAX = [
  ["printer jam", "search.syntax.words"],
  ['"paper jam"', "search.syntax.phrase"],
  ["-toner", "search.syntax.exclude"],
  ["T-42", "search.syntax.number"],
  ["status:open,pending", "search.syntax.status"],
  ["priority:high", "search.syntax.priority"],
  ["assignee:me", "search.syntax.assignee"],
  ["tag:vip -tag:spam", "search.syntax.tag"],
  ["created:>2026-01-01", "search.syntax.created"],
  ["is:breached", "search.syntax.breached"],
] as const;
