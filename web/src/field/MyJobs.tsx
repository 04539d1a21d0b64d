// The technician's day (/app/my-jobs), made for a phone: my jobs from today on in schedule order,
// each with its address, the dispatcher's notes and the linked ticket's public context, and the
// next moves (accept, decline, en route, start, complete) with a note of my own.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, get, patch } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime, timeZone } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { FieldFrame, inAppLink } from "./FieldFrame";
import { MY_JOBS_PATH, workOrderPath } from "./paths";
import { isOpen, localTime, type Move, movesFrom, type ScheduledJob } from "./timeline";

export function MyJobs({ session }: { session: Session }) {
  const today = localTime(new Date().toISOString(), timeZone()).day;
  const jobs = useQuery({
    queryKey: ["field", "my-jobs", today],
    queryFn: ({ signal }) =>
      get("/technicians/{technician_id}/jobs", { token: session.token, params: { technician_id: "me" }, query: { from: today, limit: 100 }, signal }),
  });
  const notTechnician = jobs.error instanceof ApiError && jobs.error.code === "not_a_technician";
  const items = jobs.data?.items ?? [];
  return (
    <FieldFrame session={session} title={t("field.my.title")} current={MY_JOBS_PATH}>
      {notTechnician ? <p>{t("field.my.notTechnician")}</p> : <ErrorMessage error={jobs.error} />}
      {jobs.isPending && <p>{t("app.loading")}</p>}
      {jobs.isSuccess && items.length === 0 && <p>{t("field.my.none")}</p>}
      <ol className="my-jobs">
        {items.map((item) => (
          <JobCard key={item.job.id} session={session} item={item} />
        ))}
      </ol>
    </FieldFrame>
  );
}

function JobCard({ session, item }: { session: Session; item: ScheduledJob }) {
  const client = useQueryClient();
  const { job, work_order: order } = item;
  const [note, setNote] = useState("");
  const noteId = `note-${job.id}`;
  const move = useMutation({
    mutationFn: (status: Move) =>
      patch("/work-orders/{number}/assignments/{assignment_id}", {
        token: session.token,
        params: { number: job.work_order_number, assignment_id: job.id },
        body: note.trim() ? { status, notes: note.trim() } : { status },
      }),
    onSuccess: () => {
      setNote("");
      void client.invalidateQueries({ queryKey: ["field"] });
    },
  });
  const heading = `job-${job.id}`;
  return (
    <li className={`job-card job-${job.status}`}>
      <article aria-labelledby={heading}>
        <h2 id={heading}>
          <a href={workOrderPath(job.work_order_number)} onClick={inAppLink}>
            {job.work_order_number}
          </a>{" "}
          {order?.title}
        </h2>
        <p className="job-state">
          <strong>{t(`field.job.${job.status}`)}</strong> · {formatDateTime(order?.scheduled_at)}
        </p>
        {order?.location && (
          <p className="address">
            {t("field.my.address")} {order.location.address} {order.location.postal_code ?? ""}
          </p>
        )}
        {order?.description && <p>{order.description}</p>}
        {job.notes && (
          <p className="notes">
            {t("field.my.notes")} {job.notes}
          </p>
        )}
        {order?.ticket_number && <TicketContext session={session} number={order.ticket_number} />}
        {isOpen(job.status) && (
          <form className="job-moves" onSubmit={(event) => event.preventDefault()}>
            <label htmlFor={noteId}>{t("field.my.noteLabel", { number: job.work_order_number })}</label>
            <textarea id={noteId} value={note} maxLength={5000} rows={3} onChange={(event) => setNote(event.target.value)} />
            <div className="move-buttons">
              {movesFrom(job.status).map((status) => (
                <button
                  key={status}
                  type="button"
                  className={status === "declined" ? "secondary" : undefined}
                  disabled={move.isPending}
                  onClick={() => move.mutate(status)}
                >
                  {t(`field.move.${status}`)}
                </button>
              ))}
            </div>
            <ErrorMessage error={move.error} />
          </form>
        )}
      </article>
    </li>
  );
}

/** What the customer asked for: the ticket's subject, description and public replies (when visible). */
export function TicketContext({ session, number, open = false }: { session: Session; number: string; open?: boolean }) {
  const ticket = useQuery({
    queryKey: ["field", "ticket", number],
    queryFn: ({ signal }) => get("/tickets/{number}", { token: session.token, params: { number }, signal }),
    retry: false,
  });
  const hidden = ticket.error instanceof ApiError && (ticket.error.status === 403 || ticket.error.status === 404);
  const publicReplies = (ticket.data?.comments ?? []).filter((comment) => comment.comment_type === "public");
  return (
    <details className="ticket-context" open={open}>
      <summary>{t("field.ticket.summary", { number })}</summary>
      {hidden ? <p>{t("field.ticket.hidden")}</p> : <ErrorMessage error={ticket.error} />}
      {ticket.data && (
        <>
          <p>
            <a href={`/app/tickets/${encodeURIComponent(number)}`} onClick={inAppLink}>
              {ticket.data.subject}
            </a>{" "}
            <span className="muted">({t(`status.${ticket.data.status}`)})</span>
          </p>
          <p>{ticket.data.description}</p>
          {publicReplies.length > 0 && (
            <ul className="replies">
              {publicReplies.map((comment) => (
                <li key={comment.id}>
                  <span className="muted">{formatDateTime(comment.created_at)}</span> {comment.content}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </details>
  );
}
