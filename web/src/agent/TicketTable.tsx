// The list of tickets the inbox, a saved view and the search results share: a table whose first
// column links to the ticket (number, subject, tags and, for search, the matched snippets), then
// the columns asked for. j/k move between the rows, Enter opens the selected ticket.
import { type ReactNode, useRef, useState } from "react";
import type { Schemas } from "../api/client";
import { formatDateTime, formatRelative } from "../format";
import { t } from "../i18n";
import { navigate } from "../router";
import { type Ticket, type User, userName } from "./queues";
import { SlaBadgeView } from "./SlaBadge";
import { slaBadge } from "./sla";
import { useShortcut } from "./shortcuts";
import { followLink, ticketPath } from "./Workspace";

/** The columns after the ticket's link, in the order a list may show them. */
export const COLUMNS = ["requester", "status", "priority", "assignee", "department", "sla", "sla_due_at", "updated_at", "created_at"] as const;
export type Column = (typeof COLUMNS)[number];
/** The inbox's columns. */
export const INBOX_COLUMNS: readonly Column[] = ["requester", "status", "priority", "assignee", "department", "sla", "updated_at"];

/**
 * The columns of a saved view's `columns` this table shows, in the view's order: number and subject
 * are always the link and tags always under it; the department column shows names.
 */
export function tableColumns(columns: readonly string[]): Column[] {
  return columns.filter((column): column is Column => (COLUMNS as readonly string[]).includes(column));
}

const HEADINGS: Record<Column, Parameters<typeof t>[0]> = {
  requester: "inbox.requester",
  status: "inbox.status",
  priority: "inbox.priority",
  assignee: "inbox.assignee",
  department: "inbox.department",
  sla: "inbox.sla",
  sla_due_at: "inbox.slaDue",
  updated_at: "inbox.updated",
  created_at: "inbox.created",
};

type Policy = Schemas["SLAPolicyOut"];

type TicketTableProps = {
  tickets: Ticket[];
  columns: readonly Column[];
  /** The table's name for screen readers. */
  caption: string;
  users: ReadonlyMap<string, User>;
  policies?: ReadonlyMap<string, Policy>;
  /** Department names by id (the department column). */
  departments?: ReadonlyMap<string, string>;
  /** The time the relative dates and SLA clocks are read at (ms). */
  now: number;
  /** Shown under a ticket's subject (the search's highlighted snippets). */
  below?: (ticket: Ticket) => ReactNode;
  /** Tickets ticked for a bulk change: a checkbox column (x ticks the selected row). */
  selection?: Selection;
};

type Selection = {
  picked: ReadonlySet<string>;
  onToggle: (ticketNumber: string) => void;
  onToggleAll: () => void;
};

export function TicketTable({ tickets, columns, caption, users, policies, departments, now, below, selection }: TicketTableProps) {
  const [selected, setSelected] = useState(0);
  const rows = useRef<HTMLTableSectionElement>(null);
  const focusRow = (index: number) => {
    const links = rows.current?.querySelectorAll<HTMLAnchorElement>("a[data-ticket]");
    if (!links || links.length === 0) return;
    const next = Math.max(0, Math.min(index, links.length - 1));
    setSelected(next);
    links[next].focus();
  };
  useShortcut("next", () => focusRow(selected + 1));
  useShortcut("previous", () => focusRow(selected - 1));
  useShortcut("open", () => {
    const ticket = tickets[selected];
    if (ticket !== undefined) navigate(ticketPath(ticket.ticket_number));
  });
  useShortcut("select", () => {
    const ticket = tickets[selected];
    if (ticket !== undefined && selection) selection.onToggle(ticket.ticket_number);
  });
  const pickedCount = selection ? tickets.filter((ticket) => selection.picked.has(ticket.ticket_number)).length : 0;
  const allPicked = tickets.length > 0 && pickedCount === tickets.length;

  const cell = (ticket: Ticket, column: Column): ReactNode => {
    switch (column) {
      case "requester": {
        const requester = users.get(ticket.customer_id);
        return (
          <>
            {userName(requester)}
            {requester && <span className="email">{breakableEmail(requester.email)}</span>}
          </>
        );
      }
      case "status":
        return <span className={`status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>;
      case "priority":
        return <span className={`priority priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>;
      case "assignee": {
        if (ticket.assigned_agent_id === null) return <span className="muted">{t("ticket.unassigned")}</span>;
        const assignee = users.get(ticket.assigned_agent_id);
        return assignee ? userName(assignee) : <span className="muted">{t("ticket.someone")}</span>;
      }
      case "department":
        if (ticket.department_id === null) return <span className="muted">—</span>;
        return departments?.get(ticket.department_id) ?? <span className="muted">{t("fields.inactiveDepartment")}</span>;
      case "sla": {
        const policy = ticket.sla_policy_id === null ? undefined : policies?.get(ticket.sla_policy_id);
        return <SlaBadgeView badge={slaBadge(ticket, policy, now, ticket.sla_status)} />;
      }
      case "sla_due_at":
        if (ticket.sla_due_at === null) return <span className="muted">{t("sla.none")}</span>;
        return <time dateTime={ticket.sla_due_at}>{formatDateTime(ticket.sla_due_at)}</time>;
      case "updated_at":
      case "created_at": {
        const at = column === "updated_at" ? ticket.updated_at : ticket.created_at;
        return (
          <time dateTime={at} title={formatDateTime(at)}>
            {formatRelative(at, now)}
          </time>
        );
      }
    }
  };

  return (
    <table className="tickets">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selection && (
            <th scope="col" className="pick">
              <input
                type="checkbox"
                aria-label={t("bulk.selectAll")}
                checked={allPicked}
                ref={(box) => {
                  if (box) box.indeterminate = pickedCount > 0 && !allPicked;
                }}
                onChange={selection.onToggleAll}
              />
            </th>
          )}
          <th scope="col" className="subject">
            {t("inbox.subject")}
          </th>
          {columns.map((column) => (
            <th key={column} scope="col" className={`col-${column}`}>
              {t(HEADINGS[column])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={rows}>
        {tickets.map((ticket, index) => (
          <tr key={ticket.ticket_number} className={[index === selected && "selected", selection?.picked.has(ticket.ticket_number) && "picked"].filter(Boolean).join(" ") || undefined}>
            {selection && (
              <td className="pick">
                <input
                  type="checkbox"
                  aria-label={t("bulk.selectTicket", { number: ticket.ticket_number })}
                  checked={selection.picked.has(ticket.ticket_number)}
                  onChange={() => selection.onToggle(ticket.ticket_number)}
                  onFocus={() => setSelected(index)}
                />
              </td>
            )}
            <td className="subject">
              <a href={ticketPath(ticket.ticket_number)} data-ticket={ticket.ticket_number} onClick={followLink} onFocus={() => setSelected(index)}>
                <span className="number">{ticket.ticket_number}</span> {ticket.subject}
              </a>
              {ticket.tags.length > 0 && (
                <ul className="tags" aria-label={t("ticket.tags")}>
                  {ticket.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              )}
              {below?.(ticket)}
            </td>
            {columns.map((column) => (
              <td key={column} className={`col-${column}`}>
                {cell(ticket, column)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An address that may wrap after its "@" (a narrow Requester column) rather than anywhere. */
function breakableEmail(address: string): ReactNode {
  const at = address.indexOf("@");
  if (at < 0) return address;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
