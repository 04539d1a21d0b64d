// Merging tickets: choose the ticket that stays (one of the given tickets, or another by number),
// see what the merge would do (the API's preview: comments and attachments moved, the CCs after
// it, warnings) and only then confirm; each confirmation carries its own Idempotency-Key. And
// splitting a comment into a new ticket, confirmed, then opened.
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import { navigate } from "../router";
import type { Session } from "../session";
import { Dialog } from "./Dialog";
import { merge, MERGE_LIMIT, type MergeOutcome, type MergePreview, previewMerge, splitComment, ticketNumber } from "./relations";
import { Refusal } from "./TicketRelations";
import { ticketPath } from "./Workspace";

/** Another ticket, typed by number, as the one that stays. */
const OTHER = "";

type MergeProps = {
  session: Session;
  /** The tickets involved (the inbox's selection, or the ticket page's ticket), with their subjects. */
  tickets: { ticket_number: string; subject: string }[];
  onCancel: () => void;
  onMerged: (outcome: MergeOutcome) => void;
};

/** The target and the sources for a choice: a chosen ticket stays and the others go into it. */
export function mergePlan(numbers: readonly string[], chosen: string, typed: string): { target: string; sources: string[] } {
  const target = chosen === OTHER ? ticketNumber(typed) : chosen;
  return { target, sources: numbers.filter((number) => number !== target) };
}

export function MergeDialog({ session, tickets, onCancel, onMerged }: MergeProps) {
  const client = useQueryClient();
  const numbers = tickets.map((ticket) => ticket.ticket_number);
  // With one ticket (the ticket page) the one that stays is another ticket, typed by number.
  const [chosen, setChosen] = useState(numbers.length > 1 ? numbers[0] : OTHER);
  const [typed, setTyped] = useState("");
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const plan = mergePlan(numbers, chosen, typed);
  const ready = plan.target !== "" && plan.sources.length > 0 && plan.sources.length <= MERGE_LIMIT;
  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewMerge(session.token, plan.target, plan.sources));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (preview === null) return;
    setBusy(true);
    setError(null);
    try {
      // One key per confirmation: a retry of this request never merges twice.
      const outcome = await merge(session.token, plan.target, plan.sources, crypto.randomUUID());
      for (const number of [plan.target, ...plan.sources]) {
        void client.invalidateQueries({ queryKey: ["ticket", number] });
        void client.invalidateQueries({ queryKey: ["history", number] });
        void client.invalidateQueries({ queryKey: ["links", number] });
      }
      void client.invalidateQueries({ queryKey: ["inbox"] });
      onMerged(outcome);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog labelledBy="merge-title" onCancel={onCancel}>
      <h2 id="merge-title">{numbers.length > 1 ? t("merge.titleMany", { count: numbers.length }) : t("merge.titleOne", { number: numbers[0] })}</h2>
      {preview === null ? (
        <form onSubmit={ask}>
          <fieldset>
            <legend>{t("merge.keep")}</legend>
            {tickets.length > 1 &&
              tickets.map((ticket) => (
                <label key={ticket.ticket_number} className="check block">
                  <input type="radio" name="merge-target" checked={chosen === ticket.ticket_number} onChange={() => setChosen(ticket.ticket_number)} />{" "}
                  {ticket.ticket_number} {ticket.subject}
                </label>
              ))}
            {tickets.length > 1 && (
              <label className="check block">
                <input type="radio" name="merge-target" checked={chosen === OTHER} onChange={() => setChosen(OTHER)} /> {t("merge.other")}
              </label>
            )}
            {chosen === OTHER && (
              <label className="field">
                <span>{t("merge.targetNumber")}</span>
                <input value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="T-42" aria-describedby="merge-hint" />
              </label>
            )}
          </fieldset>
          <p id="merge-hint" className="hint">
            {t("merge.hint")}
          </p>
          {plan.sources.length > MERGE_LIMIT && (
            <p role="alert" className="error">
              {t("merge.tooMany", { limit: MERGE_LIMIT })}
            </p>
          )}
          <Refusal error={error} />
          <div className="actions">
            <button type="button" onClick={onCancel}>
              {t("relations.cancel")}
            </button>
            <button type="submit" className="primary" disabled={busy || !ready}>
              {t("merge.preview")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <MergePreviewBody preview={preview} />
          <Refusal error={error} />
          <div className="actions">
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              {t("merge.back")}
            </button>
            <button type="button" className="primary" onClick={confirm} disabled={busy}>
              {t("merge.confirm", { number: preview.target.ticket_number })}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** What a merge would do, as the API previewed it. */
export function MergePreviewBody({ preview }: { preview: MergePreview }) {
  return (
    <section aria-labelledby="merge-preview-title">
      <h3 id="merge-preview-title">{t("merge.previewTitle")}</h3>
      <p>{t("merge.into", { number: preview.target.ticket_number, subject: preview.target.subject })}</p>
      <ul className="plain">
        {preview.sources.map((source) => (
          <li key={source.ticket_number}>
            {t("merge.closes", { number: source.ticket_number, subject: source.subject })}
          </li>
        ))}
      </ul>
      <p>{t("merge.counts", { comments: preview.comments, attachments: preview.attachments })}</p>
      <p>{preview.cc_emails.length === 0 ? t("merge.noCcs") : t("merge.ccs", { emails: preview.cc_emails.join(", ") })}</p>
      {preview.warnings.length > 0 && (
        <div className="warnings" role="alert">
          <h4>{t("merge.warnings")}</h4>
          <ul>
            {preview.warnings.map((warning, index) => (
              <li key={index}>
                {warning.ticket_number && <span className="number">{warning.ticket_number}: </span>}
                {warning.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

type SplitProps = { session: Session; number: string; commentId: string; excerpt: string; onCancel: () => void };

/** Confirm splitting one comment into a new ticket; then the new ticket opens. */
export function SplitDialog({ session, number, commentId, excerpt, onCancel }: SplitProps) {
  const client = useQueryClient();
  const [subject, setSubject] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await splitComment(session.token, number, commentId, subject.trim() || null, crypto.randomUUID());
      void client.invalidateQueries({ queryKey: ["ticket", number] });
      void client.invalidateQueries({ queryKey: ["history", number] });
      void client.invalidateQueries({ queryKey: ["links", number] });
      onCancel();
      navigate(ticketPath(created.ticket_number));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Dialog labelledBy="split-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="split-title">{t("split.title")}</h2>
        <p>{t("split.intro", { number })}</p>
        <blockquote className="excerpt">{excerpt}</blockquote>
        <label className="field">
          <span>{t("split.subject")}</span>
          <input value={subject} maxLength={250} onChange={(event) => setSubject(event.target.value)} aria-describedby="split-hint" />
        </label>
        <p id="split-hint" className="hint">
          {t("split.hint")}
        </p>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t("relations.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t("split.confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
