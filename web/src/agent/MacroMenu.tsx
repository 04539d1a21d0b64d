// The ticket page's macros: the reader's macros as a list; choosing one previews it (the changes
// old -> new and the reply or note it would write, nothing stored) and Apply applies it in one
// request with its own Idempotency-Key, after which the ticket, its history and SLA reload.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { applyMacro, describeFailure, listMacros, type Macro, type MacroPreview, previewMacro } from "./collab";
import { Dialog } from "./Dialog";
import type { User } from "./queues";
import { fieldLabel, historyValue } from "./TicketPage";

type Props = { session: Session; number: string; users: Map<string, User> };

export function MacroMenu({ session, number, users }: Props) {
  const macros = useQuery({ queryKey: ["macros"], queryFn: ({ signal }) => listMacros(session.token, signal), staleTime: 60_000 });
  const [open, setOpen] = useState<Macro | null>(null);
  const [done, setDone] = useState("");
  const items = macros.data ?? [];
  return (
    <section aria-labelledby="macros-title" className="panel">
      <h2 id="macros-title">{t("macros.title")}</h2>
      <ErrorMessage error={macros.error} />
      {macros.data && items.length === 0 && <p className="muted">{t("macros.none")}</p>}
      <ul className="plain macros">
        {items.map((macro) => (
          <li key={macro.id}>
            <button
              type="button"
              className="link"
              aria-describedby={macro.description ? `macro-${macro.id}` : undefined}
              onClick={() => {
                setDone("");
                setOpen(macro);
              }}
            >
              {macro.name}
            </button>
            {macro.description && (
              <span id={`macro-${macro.id}`} className="hint">
                {macro.description}
              </span>
            )}
          </li>
        ))}
      </ul>
      <p role="status" className="notice">
        {done}
      </p>
      {open !== null && (
        <MacroPreviewDialog
          session={session}
          number={number}
          macro={open}
          users={users}
          onClose={() => setOpen(null)}
          onApplied={(message) => {
            setOpen(null);
            setDone(message);
          }}
        />
      )}
    </section>
  );
}

type DialogProps = Props & { macro: Macro; onClose: () => void; onApplied: (message: string) => void };

function MacroPreviewDialog({ session, number, macro, users, onClose, onApplied }: DialogProps) {
  const client = useQueryClient();
  const preview = useQuery({
    queryKey: ["macro-preview", macro.id, number],
    queryFn: ({ signal }) => previewMacro(session.token, macro.id, number, signal),
    // A preview is of the ticket as it is now: never one kept from an earlier look.
    gcTime: 0,
    staleTime: 0,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [failure, setFailure] = useState("");
  const apply = async () => {
    setBusy(true);
    setError(null);
    setFailure("");
    try {
      const outcome = await applyMacro(session.token, macro.id, [number], crypto.randomUUID());
      const result = outcome.results.find((item) => item.ticket_number === number) ?? outcome.results[0];
      await Promise.all([
        client.invalidateQueries({ queryKey: ["ticket", number] }),
        client.invalidateQueries({ queryKey: ["history", number] }),
        client.invalidateQueries({ queryKey: ["sla", number] }),
        client.invalidateQueries({ queryKey: ["macros"] }),
      ]);
      if (result?.status === "failed") setFailure(describeFailure(result.error));
      else onApplied(result?.status === "unchanged" ? t("macros.unchanged", { name: macro.name }) : t("macros.applied", { name: macro.name }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog labelledBy="macro-preview-title" onCancel={onClose}>
      <h2 id="macro-preview-title">{t("macros.previewTitle", { name: macro.name })}</h2>
      {preview.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={preview.error} />
      {preview.data && <PreviewBody preview={preview.data} users={users} />}
      <ErrorMessage error={error} />
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t("macros.cancel")}
        </button>
        <button type="button" className="primary" onClick={apply} disabled={busy || preview.data === undefined}>
          {t("macros.apply")}
        </button>
      </div>
    </Dialog>
  );
}

/** What follows from a change rather than being one (the SLA clock's bookkeeping): not listed. */
const CONSEQUENCES = new Set(["first_response_at", "first_response_due", "resolution_due", "sla_due_at", "sla_breach", "resolved_at", "updated_at", "version"]);

/** The changes an agent decides on: the ticket's own fields, without the SLA's recalculations. */
export function shownChanges(changes: MacroPreview["changes"]): MacroPreview["changes"] {
  return changes.filter((change) => !CONSEQUENCES.has(change.field));
}

/** What the macro would do: field changes in words, then each reply or note it would write. */
export function PreviewBody({ preview, users }: { preview: MacroPreview; users: Map<string, User> }) {
  const changes = shownChanges(preview.changes);
  const nothing = changes.length === 0 && preview.comments.length === 0;
  return (
    <>
      {nothing && <p>{t("macros.nothing")}</p>}
      {changes.length > 0 && (
        <>
          <h3>{t("macros.changes")}</h3>
          <ul className="plain changes">
            {changes.map((change) => (
              <li key={change.field}>
                {t("history.change", {
                  field: fieldLabel(change.field),
                  old: historyValue(change.field, valueText(change.old_value), users),
                  new: historyValue(change.field, valueText(change.new_value), users),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.comments.map((comment, index) => (
        <section key={index} className={`message ${comment.comment_type}`} aria-label={comment.comment_type === "internal" ? t("macros.noteToAdd") : t("macros.replyToSend")}>
          <p className="meta">
            <span className="kind">{comment.comment_type === "internal" ? t("macros.noteToAdd") : t("macros.replyToSend")}</span>
          </p>
          <p className="body">{comment.content}</p>
        </section>
      ))}
    </>
  );
}

/** A change's value as text: a list (tags, sent as JSON) joined with commas, an empty one as nothing. */
export function valueText(value: string | null): string | null {
  if (value === null || !value.startsWith("[")) return value;
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list)) return list.length === 0 ? null : list.map(String).join(", ");
  } catch {
    // Not JSON after all: shown as it is.
  }
  return value;
}
