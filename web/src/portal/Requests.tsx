// A customer's requests: the list with status, one request's public conversation with replies
// and attachments (uploaded straight to storage with a progress bar) and the satisfaction form
// once it is solved. The API shows customers their own tickets and public comments only.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { get, post, type Schemas } from "../api/client";
import { uploadAttachment } from "../api/upload";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { navigate } from "../router";
import type { Session } from "../session";
import { portalPath } from "./paths";
import { Link, PortalPage, StatusBadge } from "./ui";

type Props = { slug: string; site: string; session: Session };
const PAGE = 25;

export function MyRequests({ slug, site, session }: Props) {
  const list = useInfiniteQuery({
    queryKey: ["portal", slug, "requests", session.token],
    queryFn: ({ pageParam, signal }) =>
      get("/tickets", {
        token: session.token,
        query: { limit: PAGE, sort: "-updated_at", cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const tickets = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <PortalPage title={t("portal.requests.title")} site={site}>
      <p>
        <Link to={portalPath(slug, "requests", "new")} className="button-link">
          {t("portal.nav.newRequest")}
        </Link>
      </p>
      {list.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={list.error} />
      {list.data && tickets.length === 0 && <p>{t("portal.requests.empty")}</p>}
      {tickets.length > 0 && (
        <table className="portal-requests">
          <caption className="visually-hidden">{t("portal.requests.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portal.requests.number")}</th>
              <th scope="col">{t("portal.requests.subject")}</th>
              <th scope="col">{t("portal.requests.status")}</th>
              <th scope="col">{t("portal.requests.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <tr key={ticket.ticket_number}>
                <td>{ticket.ticket_number}</td>
                <td>
                  <Link to={portalPath(slug, "requests", ticket.ticket_number)}>{ticket.subject}</Link>
                </td>
                <td>
                  <StatusBadge status={ticket.status} />
                </td>
                <td>{formatDateTime(ticket.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("portal.requests.more")}
        </button>
      )}
    </PortalPage>
  );
}

function Attachments({ items, token, number }: { items: Schemas["AttachmentOut"][]; token: string; number: string }) {
  const download = useMutation({
    mutationFn: (id: string) =>
      get("/tickets/{number}/attachments/{attachment_id}", { token, params: { number, attachment_id: id } }),
    // A presigned URL for five minutes: open it now rather than keeping it anywhere.
    onSuccess: (answer) => window.location.assign(answer.url),
  });
  if (items.length === 0) return null;
  return (
    <>
      <ul className="portal-attachments" aria-label={t("portal.request.attachments")}>
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="link-button" onClick={() => download.mutate(item.id)}>
              {t("portal.request.download", { name: item.file_name })}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={download.error} />
    </>
  );
}

/** The reply form. On a closed request the API opens a linked follow-up holding the reply (and
 * its attachment): `onSent` gets the number of the request the reply landed on. */
function Reply({ number, closed, token, onSent }: { number: string; closed: boolean; token: string; onSent: (landedOn: string) => void }) {
  const [content, setContent] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useMutation({
    mutationFn: async () => {
      const created = await post("/tickets/{number}/comments", {
        token,
        params: { number },
        body: { content, comment_type: "public" },
      });
      const landedOn = created.ticket.ticket_number;
      if (file !== null) {
        setProgress(0);
        await uploadAttachment({
          token,
          ticketNumber: landedOn,
          file,
          isPublic: true,
          commentId: created.comment.id,
          onProgress: setProgress,
        });
      }
      return landedOn;
    },
    onSuccess: (landedOn) => {
      setContent("");
      setFile(null);
      setProgress(null);
      if (fileInput.current) fileInput.current.value = "";
      onSent(landedOn);
    },
    // The reply may have been saved before the upload failed: show what the request holds now.
    onError: () => onSent(number),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form onSubmit={submit} className="portal-reply" aria-labelledby="portal-reply-title">
      <h2 id="portal-reply-title">{t("portal.request.reply")}</h2>
      {closed && <p className="notice">{t("portal.request.closedReply")}</p>}
      <label className="field">
        <span>{t("portal.request.message")}</span>
        <textarea name="content" value={content} onChange={(event) => setContent(event.target.value)} required rows={5} />
      </label>
      <label className="field">
        <span>{t("portal.request.attach")}</span>
        <input ref={fileInput} type="file" name="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      </label>
      {progress !== null && (
        <label className="field">
          <span>{t("portal.request.uploading", { percent: Math.round(progress * 100) })}</span>
          <progress max={1} value={progress} />
        </label>
      )}
      <ErrorMessage error={send.error} />
      <button type="submit" disabled={send.isPending}>
        {t("portal.request.send")}
      </button>
    </form>
  );
}

function Satisfaction({ ticket, token, onRated }: { ticket: Schemas["TicketDetailOut"]; token: string; onRated: () => void }) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const rate = useMutation({
    mutationFn: () =>
      post("/tickets/{number}/satisfaction", {
        token,
        params: { number: ticket.ticket_number },
        body: { score: score ?? 0, comment: comment || null },
      }),
    onSuccess: onRated,
  });
  if (ticket.customer_satisfaction_score !== null) {
    return <p role="status">{t("portal.rate.done", { score: ticket.customer_satisfaction_score })}</p>;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rate.mutate();
  };
  return (
    <form onSubmit={submit} className="portal-rate">
      <fieldset>
        <legend>{t("portal.rate.question")}</legend>
        <div className="portal-scores">
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value}>
              <input type="radio" name="score" value={value} checked={score === value} onChange={() => setScore(value)} required />
              {t(`portal.rate.score${value}` as "portal.rate.score1")}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t("portal.rate.comment")}</span>
        <textarea name="comment" value={comment} onChange={(event) => setComment(event.target.value)} rows={3} />
      </label>
      <ErrorMessage error={rate.error} />
      <button type="submit" disabled={rate.isPending || score === null}>
        {t("portal.rate.submit")}
      </button>
    </form>
  );
}

export function RequestPage({ slug, site, session, number }: Props & { number: string }) {
  const queryClient = useQueryClient();
  const key = ["portal", slug, "request", number, session.token];
  const ticket = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get("/tickets/{number}", { token: session.token, params: { number }, signal }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const replied = (landedOn: string) => {
    void refresh();
    if (landedOn !== data?.ticket_number) navigate(portalPath(slug, "requests", landedOn));
  };
  const data = ticket.data;
  const mine = session.user.id;
  const attachmentsOf = (commentId: string | null) => (data?.attachments ?? []).filter((a) => a.comment_id === commentId);
  const solved = data?.status === "solved" || data?.status === "closed";
  return (
    <PortalPage title={data ? `${data.ticket_number}: ${data.subject}` : number} site={site}>
      <p>
        <Link to={portalPath(slug, "requests")}>{t("portal.request.back")}</Link>
      </p>
      {ticket.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={ticket.error} />
      {data && (
        <>
          <p className="portal-meta">
            <StatusBadge status={data.status} /> {t("portal.request.opened", { date: formatDateTime(data.created_at) })}
          </p>
          <ol className="portal-conversation" aria-label={t("portal.request.conversation")}>
            <li className="portal-message portal-message-mine">
              <p className="portal-meta">
                {t("portal.request.you")} · {formatDateTime(data.created_at)}
              </p>
              <p className="portal-text">{data.description}</p>
              <Attachments items={attachmentsOf(null)} token={session.token} number={data.ticket_number} />
            </li>
            {data.comments.map((comment) => (
              <li key={comment.id} className={comment.author_id === mine ? "portal-message portal-message-mine" : "portal-message"}>
                <p className="portal-meta">
                  {comment.author_id === mine ? t("portal.request.you") : t("portal.request.support")} ·{" "}
                  {formatDateTime(comment.created_at)}
                </p>
                <p className="portal-text">{comment.content}</p>
                <Attachments items={attachmentsOf(comment.id)} token={session.token} number={data.ticket_number} />
              </li>
            ))}
          </ol>
          {solved && <Satisfaction ticket={data} token={session.token} onRated={refresh} />}
          <Reply number={data.ticket_number} closed={data.status === "closed"} token={session.token} onSent={replied} />
        </>
      )}
    </PortalPage>
  );
}
