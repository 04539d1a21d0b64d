// The ticket page's issue-24 panels: who else hears of the ticket (CCs, followers), its linked
// tickets (parent, children, related; merges and splits shown read-only), the time worked on it,
// and the notice on a ticket merged into another.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDay, formatMinutes } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { type User, userName } from "./queues";
import {
  addLink,
  addTimeEntry,
  CC_LIMIT,
  changeCcs,
  changeFollowers,
  deleteTimeEntry,
  EDITABLE_KINDS,
  type EditableKind,
  emailList,
  errorDetails,
  groupLinks,
  listLinks,
  listTimeEntries,
  removeLink,
  ticketNumber,
  type TimeEntry,
  updateTimeEntry,
} from "./relations";
import { followLink, ticketPath } from "./Workspace";

type Detail = Schemas["TicketDetailOut"];

/** A 422's reasons under the error's words (e.g. which CC was refused and why). */
export function Refusal({ error }: { error: unknown }) {
  const details = errorDetails(error);
  return (
    <>
      <ErrorMessage error={error} />
      {details.length > 0 && (
        <ul className="error details">
          {details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * After a change through one of these routes: the ticket (its version, sums, links) and its history
 * again. Awaited before the change counts as done, so that the next If-Match (a field saved right
 * after) carries the version the change left.
 */
function useRefresh(number: string) {
  const client = useQueryClient();
  return async () => {
    void client.invalidateQueries({ queryKey: ["history", number] });
    await client.invalidateQueries({ queryKey: ["ticket", number] });
  };
}

/** A ticket merged into another: said first, with the way there. */
export function MergedNotice({ ticket }: { ticket: Detail }) {
  if (ticket.merged_into === null) return null;
  return (
    <p className="merged-notice" role="note">
      {t("merge.mergedInto")}{" "}
      <a href={ticketPath(ticket.merged_into)} onClick={followLink}>
        {ticket.merged_into}
      </a>
    </p>
  );
}

/** A child ticket names its parent under the title. */
export function ParentLine({ ticket }: { ticket: Detail }) {
  if (ticket.parent_number === null) return null;
  return (
    <p className="parent-line">
      {t("links.childOf")}{" "}
      <a href={ticketPath(ticket.parent_number)} onClick={followLink}>
        {ticket.parent_number}
      </a>
    </p>
  );
}

export function CcPanel({ session, ticket }: { session: Session; ticket: Detail }) {
  const refresh = useRefresh(ticket.ticket_number);
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = async (add: string[], remove: string[]) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await changeCcs(session.token, ticket.ticket_number, { add, remove });
      client.setQueryData<Detail>(["ticket", ticket.ticket_number], (old) => (old === undefined ? old : { ...old, cc_emails: answer.cc_emails }));
      if (add.length > 0) setText("");
      await refresh();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const add = emailList(text);
    if (add.length > 0) void change(add, []);
  };
  return (
    <section aria-labelledby="ccs-title" className="panel">
      <h2 id="ccs-title">{t("ccs.title")}</h2>
      {ticket.cc_emails.length === 0 ? (
        <p className="muted">{t("ccs.none")}</p>
      ) : (
        <ul className="plain">
          {ticket.cc_emails.map((address) => (
            <li key={address} className="row">
              <span className="address">{address}</span>
              <button type="button" className="link" disabled={busy} onClick={() => change([], [address])} aria-label={t("ccs.remove", { email: address })}>
                {t("relations.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit}>
        <label className="field">
          <span>{t("ccs.add")}</span>
          <input type="text" inputMode="email" value={text} onChange={(event) => setText(event.target.value)} aria-describedby="ccs-hint" />
        </label>
        <p id="ccs-hint" className="hint">
          {t("ccs.hint", { limit: CC_LIMIT })}
        </p>
        <button type="submit" disabled={busy || emailList(text).length === 0}>
          {t("ccs.addButton")}
        </button>
      </form>
      <Refusal error={error} />
    </section>
  );
}

export function FollowersPanel({ session, ticket, staff }: { session: Session; ticket: Detail; staff: Map<string, User> }) {
  const refresh = useRefresh(ticket.ticket_number);
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const me = session.user.id;
  const following = ticket.follower_ids.includes(me);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await changeFollowers(session.token, ticket.ticket_number, following ? { remove: [me] } : { add: [me] });
      client.setQueryData<Detail>(["ticket", ticket.ticket_number], (old) => (old === undefined ? old : { ...old, follower_ids: answer.follower_ids }));
      await refresh();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="followers-title" className="panel">
      <h2 id="followers-title">{t("followers.title")}</h2>
      {ticket.follower_ids.length === 0 ? (
        <p className="muted">{t("followers.none")}</p>
      ) : (
        <ul className="plain">
          {ticket.follower_ids.map((id) => (
            <li key={id}>{id === me ? t("fields.me", { name: userName(staff.get(id)) || session.user.email }) : userName(staff.get(id)) || t("ticket.someone")}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={toggle} disabled={busy} aria-pressed={following}>
        {following ? t("followers.unfollow") : t("followers.follow")}
      </button>
      <p className="hint">{t("followers.hint")}</p>
      <ErrorMessage error={error} />
    </section>
  );
}

export function LinksPanel({ session, ticket }: { session: Session; ticket: Detail }) {
  const number = ticket.ticket_number;
  const refresh = useRefresh(number);
  const links = useQuery({
    // The ticket's version is part of the key: a merge, split or link seen on the ticket reloads them.
    queryKey: ["links", number, ticket.version],
    queryFn: ({ signal }) => listLinks(session.token, number, signal),
  });
  const client = useQueryClient();
  const [kind, setKind] = useState<EditableKind>("child");
  const [other, setOther] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const after = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await refresh();
      await client.invalidateQueries({ queryKey: ["links", number] });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = ticketNumber(other);
    if (target === "") return;
    if (await after(() => addLink(session.token, number, kind, target))) setOther("");
  };
  const groups = groupLinks(links.data ?? []);
  return (
    <section aria-labelledby="links-title" className="panel">
      <h2 id="links-title">{t("links.title")}</h2>
      <ErrorMessage error={links.error} />
      {links.data && groups.length === 0 && <p className="muted">{t("links.none")}</p>}
      {groups.map(([group, items]) => (
        <div key={group}>
          <h3>{t(`links.kind.${group}`)}</h3>
          <ul className="plain">
            {items.map((link) => (
              <li key={link.ticket.ticket_number} className="row">
                <span>
                  <a href={ticketPath(link.ticket.ticket_number)} onClick={followLink}>
                    {link.ticket.ticket_number} {link.ticket.subject}
                  </a>{" "}
                  <span className="muted">{t(`status.${link.ticket.status}`)}</span>
                </span>
                {(EDITABLE_KINDS as readonly string[]).includes(link.kind) && (
                  <button
                    type="button"
                    className="link"
                    disabled={busy}
                    aria-label={t("links.remove", { number: link.ticket.ticket_number })}
                    onClick={() => void after(() => removeLink(session.token, number, link.kind as EditableKind, link.ticket.ticket_number))}
                  >
                    {t("relations.remove")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t("links.add")}</legend>
          <label className="field">
            <span>{t("links.kindLabel")}</span>
            <select value={kind} onChange={(event) => setKind(event.target.value as EditableKind)}>
              {EDITABLE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`links.as.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("links.number")}</span>
            <input value={other} onChange={(event) => setOther(event.target.value)} placeholder="T-42" />
          </label>
          <button type="submit" disabled={busy || other.trim() === ""}>
            {t("links.addButton")}
          </button>
        </fieldset>
      </form>
      <Refusal error={error} />
    </section>
  );
}

/** Whether `text` is a whole number of minutes the API takes (1 to a day). */
function validMinutes(text: string): boolean {
  const minutes = Number(text);
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440;
}

export function TimePanel({ session, ticket, staff }: { session: Session; ticket: Detail; staff: Map<string, User> }) {
  const number = ticket.ticket_number;
  const refresh = useRefresh(number);
  const client = useQueryClient();
  const entries = useQuery({ queryKey: ["time", number], queryFn: ({ signal }) => listTimeEntries(session.token, number, signal) });
  const [minutes, setMinutes] = useState("");
  const [billable, setBillable] = useState(true);
  const [note, setNote] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState("");
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setSaved("");
    try {
      await work();
      await client.invalidateQueries({ queryKey: ["time", number] });
      await refresh();
      setSaved(done);
      return true;
    } catch (failure) {
      setError(failure);
      // An entry changed elsewhere (412) or gone (404): show the current list.
      void client.invalidateQueries({ queryKey: ["time", number] });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!validMinutes(minutes)) return;
    if (await run(() => addTimeEntry(session.token, number, { minutes: Number(minutes), billable, note }), t("time.logged"))) {
      setMinutes("");
      setNote("");
      setBillable(true);
    }
  };
  const mine = (entry: TimeEntry) => entry.user_id === session.user.id;
  return (
    <section aria-labelledby="time-title" className="panel">
      <h2 id="time-title">{t("time.title")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("time.total")}</dt>
          <dd>{formatMinutes(ticket.time_spent_minutes)}</dd>
        </div>
        <div>
          <dt>{t("time.billable")}</dt>
          <dd>{formatMinutes(ticket.billable_minutes)}</dd>
        </div>
      </dl>
      <ErrorMessage error={entries.error} />
      {entries.data && entries.data.length === 0 && <p className="muted">{t("time.none")}</p>}
      <ul className="plain time-entries">
        {(entries.data ?? []).map((entry) =>
          editing === entry.id ? (
            <li key={entry.id}>
              <EntryForm
                entry={entry}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={async (change) => {
                  if (await run(() => updateTimeEntry(session.token, entry, change), t("time.updated"))) setEditing(null);
                }}
              />
            </li>
          ) : (
            <li key={entry.id} className="time-entry">
              <span>
                <strong>{formatMinutes(entry.minutes)}</strong> {entry.billable ? t("time.isBillable") : t("time.notBillable")} ·{" "}
                {userName(staff.get(entry.user_id)) || t("ticket.someone")} · {formatDay(entry.spent_on)}
              </span>
              {entry.note && <span className="note">{entry.note}</span>}
              {mine(entry) && (
                <span className="row-actions">
                  <button type="button" className="link" disabled={busy} onClick={() => setEditing(entry.id)} aria-label={t("time.editEntry", { minutes: formatMinutes(entry.minutes) })}>
                    {t("time.edit")}
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={busy}
                    aria-label={t("time.deleteEntry", { minutes: formatMinutes(entry.minutes) })}
                    onClick={() => void run(() => deleteTimeEntry(session.token, entry), t("time.deleted"))}
                  >
                    {t("relations.remove")}
                  </button>
                </span>
              )}
            </li>
          ),
        )}
      </ul>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t("time.log")}</legend>
          <label className="field">
            <span>{t("time.minutes")}</span>
            <input type="number" min={1} max={1440} step={1} required value={minutes} onChange={(event) => setMinutes(event.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={billable} onChange={(event) => setBillable(event.target.checked)} /> {t("time.billableBox")}
          </label>
          <label className="field">
            <span>{t("time.note")}</span>
            <input value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" disabled={busy || !validMinutes(minutes)}>
            {t("time.logButton")}
          </button>
        </fieldset>
      </form>
      <p role="status" className="notice">
        {saved}
      </p>
      <Refusal error={error} />
    </section>
  );
}

type EntryFormProps = { entry: TimeEntry; busy: boolean; onCancel: () => void; onSave: (change: { minutes: number; billable: boolean; note: string }) => void };

function EntryForm({ entry, busy, onCancel, onSave }: EntryFormProps) {
  const [minutes, setMinutes] = useState(String(entry.minutes));
  const [billable, setBillable] = useState(entry.billable);
  const [note, setNote] = useState(entry.note);
  return (
    <form
      className="entry-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (validMinutes(minutes)) onSave({ minutes: Number(minutes), billable, note });
      }}
    >
      <label className="field">
        <span>{t("time.minutes")}</span>
        <input type="number" min={1} max={1440} step={1} required value={minutes} onChange={(event) => setMinutes(event.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={billable} onChange={(event) => setBillable(event.target.checked)} /> {t("time.billableBox")}
      </label>
      <label className="field">
        <span>{t("time.note")}</span>
        <input value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
      </label>
      <span className="row-actions">
        <button type="submit" disabled={busy || !validMinutes(minutes)}>
          {t("time.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("macros.cancel")}
        </button>
      </span>
    </form>
  );
}
