// The bulk bar: shown while tickets are selected in the list. One set of changes (status,
// priority, assignee, department, tags) or one macro for all of them in ONE request with its own
// Idempotency-Key, then each ticket's result (applied, unchanged, failed and why). "Merge tickets"
// merges the selected tickets into one of them (MergeDialog.tsx: preview first).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { applyMacro, BULK_LIMIT, type BulkChanges, type BulkOutcome, bulkChange, describeFailure, listMacros } from "./collab";
import { PRIORITIES, type Priority, type Status, STATUSES, type Ticket, userName } from "./queues";
import { MergeDialog } from "./MergeDialog";
import { MERGE_LIMIT } from "./relations";
import { useDepartments, useStaff } from "./TicketPage";

/** "No change" in a bulk select; "none" clears the field (unassign, no department). */
const KEEP = "";
const NONE = "none";

/** Comma-separated tags as the API takes them (trimmed, empty ones dropped). */
export function tagList(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

type Choice = { status: string; priority: string; assignee: string; department: string; addTags: string; removeTags: string };
const NO_CHOICE: Choice = { status: KEEP, priority: KEEP, assignee: KEEP, department: KEEP, addTags: "", removeTags: "" };

/** The `changes` of POST /tickets/bulk for what the agent chose (empty when nothing is). */
export function changesOf(choice: Choice): BulkChanges {
  const changes: BulkChanges = {};
  if (choice.status !== KEEP) changes.status = choice.status as Status;
  if (choice.priority !== KEEP) changes.priority = choice.priority as Priority;
  if (choice.assignee !== KEEP) changes.assigned_agent_id = choice.assignee === NONE ? null : choice.assignee;
  if (choice.department !== KEEP) changes.department_id = choice.department === NONE ? null : choice.department;
  const add = tagList(choice.addTags);
  const remove = tagList(choice.removeTags);
  if (add.length > 0) changes.add_tags = add;
  if (remove.length > 0) changes.remove_tags = remove;
  return changes;
}

type Props = {
  session: Session;
  /** The selected tickets, in the list's order. */
  selected: Ticket[];
  onClear: () => void;
  /** After a request: the tickets that failed stay selected (to try again or look at). */
  onDone: (failed: string[]) => void;
};

type Shown = { outcome: BulkOutcome; subjects: Map<string, string>; macro: string | null };

export function BulkBar(props: Props) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [merged, setMerged] = useState("");
  return (
    <>
      {/* Mounted only with a selection: the lists it offers are asked for when first needed. */}
      {props.selected.length > 0 && (
        <BulkForm
          {...props}
          onOutcome={(outcome) => {
            setMerged("");
            setShown(outcome);
          }}
          onMerged={(message) => {
            setShown(null);
            setMerged(message);
          }}
        />
      )}
      <div role="status" className="bulk-results">
        {shown !== null && <BulkResults {...shown} onDismiss={() => setShown(null)} />}
        {merged && <p className="notice">{merged}</p>}
      </div>
    </>
  );
}

type FormProps = Props & { onOutcome: (shown: Shown) => void; onMerged: (message: string) => void };

function BulkForm({ session, selected, onClear, onDone, onOutcome, onMerged }: FormProps) {
  const client = useQueryClient();
  const [choice, setChoice] = useState<Choice>(NO_CHOICE);
  const [macroId, setMacroId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const staff = useStaff(session);
  const agents = (staff.data?.items ?? []).filter((user) => user.role !== "customer" && user.is_active);
  const departments = useDepartments(session);
  const [merging, setMerging] = useState(false);
  const macros = useQuery({ queryKey: ["macros"], queryFn: ({ signal }) => listMacros(session.token, signal), staleTime: 60_000 });
  const numbers = selected.map((ticket) => ticket.ticket_number);
  const tooMany = numbers.length > BULK_LIMIT;
  const changes = changesOf(choice);
  const set = (field: keyof Choice) => (value: string) => setChoice((previous) => ({ ...previous, [field]: value }));

  const run = async (send: (key: string) => Promise<BulkOutcome>, macro: string | null) => {
    setBusy(true);
    setError(null);
    const subjects = new Map(selected.map((ticket) => [ticket.ticket_number, ticket.subject]));
    try {
      // One key per click: a retry of this request never applies it twice.
      const result = await send(crypto.randomUUID());
      onOutcome({ outcome: result, subjects, macro });
      setChoice(NO_CHOICE);
      onDone(result.results.filter((item) => item.status === "failed").map((item) => item.ticket_number));
      for (const item of result.results) void client.invalidateQueries({ queryKey: ["ticket", item.ticket_number] });
      await client.invalidateQueries({ queryKey: ["inbox"] });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submitChanges = (event: FormEvent) => {
    event.preventDefault();
    void run((key) => bulkChange(session.token, numbers, changes, key), null);
  };
  const submitMacro = (event: FormEvent) => {
    event.preventDefault();
    const macro = macros.data?.find((item) => item.id === macroId);
    if (macro === undefined) return;
    void run((key) => applyMacro(session.token, macro.id, numbers, key), macro.name);
  };

  return (
    <section className="bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="bulk-title">
        {t("bulk.selected", { count: selected.length })}
      </h2>
      {tooMany && (
        <p role="alert" className="error">
          {t("bulk.tooMany", { limit: BULK_LIMIT })}
        </p>
      )}
      <form className="bulk-changes" onSubmit={submitChanges} aria-label={t("bulk.changes")}>
        <label className="field">
          <span>{t("inbox.status")}</span>
          <select value={choice.status} onChange={(event) => set("status")(event.target.value)}>
            <option value={KEEP}>{t("bulk.keep")}</option>
            {STATUSES.filter((status) => status !== "new").map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("inbox.priority")}</span>
          <select value={choice.priority} onChange={(event) => set("priority")(event.target.value)}>
            <option value={KEEP}>{t("bulk.keep")}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("inbox.assignee")}</span>
          <select value={choice.assignee} onChange={(event) => set("assignee")(event.target.value)}>
            <option value={KEEP}>{t("bulk.keep")}</option>
            <option value={NONE}>{t("ticket.unassigned")}</option>
            {agents.map((user) => (
              <option key={user.id} value={user.id}>
                {user.id === session.user.id ? t("fields.me", { name: userName(user) }) : userName(user)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("bulk.department")}</span>
          <select value={choice.department} onChange={(event) => set("department")(event.target.value)}>
            <option value={KEEP}>{t("bulk.keep")}</option>
            <option value={NONE}>{t("bulk.noDepartment")}</option>
            {(departments.data?.items ?? [])
              .filter((department) => department.is_active)
              .map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>{t("bulk.addTags")}</span>
          <input value={choice.addTags} onChange={(event) => set("addTags")(event.target.value)} aria-describedby="bulk-tags-hint" />
        </label>
        <label className="field">
          <span>{t("bulk.removeTags")}</span>
          <input value={choice.removeTags} onChange={(event) => set("removeTags")(event.target.value)} aria-describedby="bulk-tags-hint" />
        </label>
        <p id="bulk-tags-hint" className="hint">
          {t("fields.tagsHint")}
        </p>
        <button type="submit" disabled={busy || tooMany || Object.keys(changes).length === 0}>
          {t("bulk.apply", { count: selected.length })}
        </button>
      </form>
      <form className="bulk-macro" onSubmit={submitMacro} aria-label={t("bulk.macroForm")}>
        <label className="field">
          <span>{t("macros.macro")}</span>
          <select value={macroId} onChange={(event) => setMacroId(event.target.value)}>
            <option value="">{t("macros.choose")}</option>
            {(macros.data ?? []).map((macro) => (
              <option key={macro.id} value={macro.id}>
                {macro.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || tooMany || macroId === ""}>
          {t("bulk.applyMacro", { count: selected.length })}
        </button>
      </form>
      <button type="button" onClick={() => setMerging(true)} disabled={busy || selected.length < 2 || selected.length > MERGE_LIMIT + 1}>
        {t("merge.bulk", { count: selected.length })}
      </button>
      <button type="button" className="link" onClick={onClear}>
        {t("bulk.clear")}
      </button>
      <ErrorMessage error={error} />
      {merging && (
        <MergeDialog
          session={session}
          tickets={selected.map((ticket) => ({ ticket_number: ticket.ticket_number, subject: ticket.subject }))}
          onCancel={() => setMerging(false)}
          onMerged={(outcome) => {
            setMerging(false);
            onDone([]);
            onMerged(t("merge.done", { sources: outcome.merged.join(", "), number: outcome.ticket.ticket_number }));
          }}
        />
      )}
    </section>
  );
}

function BulkResults({ outcome, subjects, macro, onDismiss }: { outcome: BulkOutcome; subjects: Map<string, string>; macro: string | null; onDismiss: () => void }) {
  const unchanged = outcome.results.filter((item) => item.status === "unchanged").length;
  return (
    <section aria-labelledby="bulk-results-title" className="panel">
      <h2 id="bulk-results-title">{macro === null ? t("bulk.resultsTitle") : t("bulk.macroResultsTitle", { name: macro })}</h2>
      <p>{t("bulk.summary", { applied: outcome.applied, unchanged, failed: outcome.failed })}</p>
      <ul className="plain results">
        {outcome.results.map((item) => (
          <li key={item.ticket_number} className={`result result-${item.status}`}>
            <span className="number">{item.ticket_number}</span> {subjects.get(item.ticket_number) ?? ""}:{" "}
            <strong>{t(`bulk.status.${item.status}`)}</strong>
            {item.status === "failed" && <> — {describeFailure(item.error)}</>}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={onDismiss}>
        {t("bulk.dismiss")}
      </button>
    </section>
  );
}
