// A ticket: the conversation in time order (replies and internal notes told apart in words and
// shape, not colour alone), the composer with attachments, and a side panel with the fields
// (saved with If-Match), SLA, customer context, work orders, knowledge base suggestions and history.
// Issue 23 adds the macros panel (MacroMenu.tsx), who else is here (Presence.tsx) and the composer's
// warning when someone else replied since the conversation was shown (409 newer_reply).
// Issue 24 adds CCs, followers, linked tickets, time entries (TicketRelations.tsx), the department,
// "Solve children too", merging into another ticket and splitting a comment (MergeDialog.tsx).
import { useLiveTopics } from "../live";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, get, patch, post, type Schemas } from "../api/client";
import { uploadAttachment } from "../api/upload";
import { ErrorMessage } from "../components";
import { formatDateTime, formatDuration, formatMinutes } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { describeFailure, newerComments, type NewerComment, newestCommentId } from "./collab";
import { Dialog } from "./Dialog";
import { TICKET_INCLUDE } from "./Inbox";
import { MacroMenu, valueText } from "./MacroMenu";
import { MergeDialog, SplitDialog } from "./MergeDialog";
import { conversationBehind, NewerNotice, PresenceIndicator, usePresence } from "./Presence";
import { type Priority, PRIORITIES, type Status, userName, type User } from "./queues";
import { type ChildResult, solveChildren } from "./relations";
import { useShortcut } from "./shortcuts";
import { CcPanel, FollowersPanel, LinksPanel, MergedNotice, ParentLine, TimePanel } from "./TicketRelations";
import { followLink, ticketPath } from "./Workspace";
import { navigate } from "../router";

type Detail = Schemas["TicketDetailOut"];
type Comment = Schemas["CommentOut"];
type Attachment = Schemas["AttachmentOut"];
type Organization = Schemas["OrganizationOut"];
type Update = Schemas["UpdateTicketCommand"];

/** The statuses a ticket may move to from each status (domain/tickets.py TRANSITIONS). */
export const NEXT_STATUSES: Record<Status, Status[]> = {
  new: ["open", "pending", "on_hold", "solved"],
  open: ["pending", "on_hold", "solved"],
  pending: ["open", "on_hold", "solved"],
  on_hold: ["open", "pending", "solved"],
  solved: ["open", "closed"],
  closed: [],
};

let ticketMarked = false;

export function TicketPage({ session, number, organization }: { session: Session; number: string; organization: Organization | undefined }) {
  const token = session.token;
  const ticket = useQuery({
    queryKey: ["ticket", number],
    queryFn: ({ signal }) => get("/tickets/{number}", { token, params: { number }, query: { include: TICKET_INCLUDE }, signal }),
  });
  // Replying while this ticket's composer holds text (a draft on the previous ticket does not
  // count), viewing otherwise; and the newest comment the page shows.
  const [draftOn, setDraftOn] = useState<string | null>(null);
  const onDraft = useCallback((drafting: boolean) => setDraftOn(drafting ? number : null), [number]);
  const [shownNewest, setShownNewest] = useState<string | null>(null);
  const state = draftOn === number ? "replying" : "viewing";
  const presence = usePresence(session, number, state, ticket.data === undefined ? undefined : (ticket.data.presence ?? []));
  const client = useQueryClient();
  // Someone else changed the ticket or added a comment: read it again (the API decides what shows).
  const liveTopics = useMemo(() => [`ticket:${number}`], [number]);
  useLiveTopics(liveTopics, () => {
    void client.invalidateQueries({ queryKey: ["ticket", number] });
    void client.invalidateQueries({ queryKey: ["history", number] });
  });
  const [merging, setMerging] = useState(false);
  const staff = useStaff(session);
  useEffect(() => {
    if (ticket.data !== undefined && !ticketMarked) {
      ticketMarked = true;
      performance.mark("deskless:ticket-rendered");
    }
  }, [ticket.data]);

  if (ticket.error instanceof ApiError && ticket.error.status === 404) {
    return (
      <section>
        <h1>{t("ticket.notFound")}</h1>
        <p>{t("ticket.notFoundHelp", { number })}</p>
        <a href="/app/" onClick={followLink}>
          {t("app.toInbox")}
        </a>
      </section>
    );
  }
  if (ticket.data === undefined) {
    return (
      <section>
        {ticket.isPending && <p>{t("app.loading")}</p>}
        <ErrorMessage error={ticket.error} />
      </section>
    );
  }
  const data = ticket.data;
  const users = new Map((data.included?.users ?? []).map((user) => [user.id, user]));
  const people = new Map(users);
  for (const user of staff.data?.items ?? []) people.set(user.id, user);
  return (
    <div className="ticket-page">
      <article className="ticket-main" aria-labelledby="ticket-title">
        <p className="crumbs">
          <a href="/app/" onClick={followLink}>
            {t("inbox.title")}
          </a>{" "}
          / {data.ticket_number}
        </p>
        <h1 id="ticket-title">{data.subject}</h1>
        <MergedNotice ticket={data} />
        <ParentLine ticket={data} />
        {data.merged_into === null && data.status !== "closed" && (
          <p className="ticket-actions">
            <button type="button" onClick={() => setMerging(true)}>
              {t("merge.open")}
            </button>
          </p>
        )}
        {merging && (
          <MergeDialog
            session={session}
            tickets={[{ ticket_number: data.ticket_number, subject: data.subject }]}
            onCancel={() => setMerging(false)}
            onMerged={(outcome) => {
              setMerging(false);
              navigate(ticketPath(outcome.ticket.ticket_number));
            }}
          />
        )}
        <PresenceIndicator others={presence.others} />
        {/* Keyed by ticket: another ticket's loaded pages or draft never carry over to this one. */}
        <Conversation key={`conversation-${data.ticket_number}`} session={session} ticket={data} users={users} onShown={setShownNewest} />
        <NewerNotice
          behind={conversationBehind(presence.newestCommentId, data.comments, data.comments_next_cursor === null)}
          onShow={() => void client.invalidateQueries({ queryKey: ["ticket", number] })}
        />
        <Composer
          key={`composer-${data.ticket_number}`}
          session={session}
          ticket={data}
          users={users}
          seen={shownNewest ?? newestCommentId(data.comments)}
          onDraft={onDraft}
        />
        <History session={session} number={number} users={users} />
      </article>
      <aside className="ticket-side" aria-label={t("ticket.panel")}>
        <MacroMenu session={session} number={data.ticket_number} users={users} />
        <Fields session={session} ticket={data} organization={organization} />
        <CcPanel session={session} ticket={data} />
        <FollowersPanel session={session} ticket={data} staff={people} />
        <LinksPanel session={session} ticket={data} />
        <TimePanel session={session} ticket={data} staff={people} />
        <SlaPanel session={session} number={number} />
        <CustomerContext session={session} ticket={data} users={users} />
        <WorkOrders session={session} numbers={data.work_order_numbers} />
        <KbSuggestions session={session} subject={data.subject} />
      </aside>
    </div>
  );
}

function Author({ user, viaEmail }: { user: User | undefined; viaEmail: boolean }) {
  if (user === undefined) return <span className="author">{t("ticket.someone")}</span>;
  return (
    <span className="author">
      {viaEmail ? t("ticket.fromEmail", { name: userName(user), email: user.email }) : userName(user)}
    </span>
  );
}

type ConversationProps = { session: Session; ticket: Detail; users: Map<string, User>; onShown: (newest: string) => void };

function Conversation({ session, ticket, users, onShown }: ConversationProps) {
  const [older, setOlder] = useState<{ items: Comment[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [splitting, setSplitting] = useState<Comment | null>(null);
  const cursor = older === null ? ticket.comments_next_cursor : older.cursor;
  const seen = new Set(ticket.comments.map((comment) => comment.id));
  const comments = [...ticket.comments, ...(older?.items ?? []).filter((comment) => !seen.has(comment.id))];
  const newest = newestCommentId(comments);
  useEffect(() => onShown(newest), [newest, onShown]);
  const loadMore = async () => {
    if (cursor === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await get("/tickets/{number}/comments", { token: session.token, params: { number: ticket.ticket_number }, query: { cursor } });
      setOlder((previous) => ({ items: [...(previous?.items ?? []), ...page.items], cursor: page.next_cursor }));
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  const byComment = new Map<string | null, Attachment[]>();
  for (const attachment of ticket.attachments) {
    byComment.set(attachment.comment_id, [...(byComment.get(attachment.comment_id) ?? []), attachment]);
  }
  // Mail arrives as the requester's messages on an email ticket.
  const viaEmail = (authorId: string) => ticket.channel === "email" && authorId === ticket.customer_id;
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t("ticket.conversation")}</h2>
      <ol className="conversation">
        <li className="message public">
          <p className="meta">
            <span className="kind">{t("ticket.request")}</span> <Author user={users.get(ticket.customer_id)} viaEmail={viaEmail(ticket.customer_id)} /> ·{" "}
            <time dateTime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>
          </p>
          <p className="body">{ticket.description}</p>
          <AttachmentList session={session} number={ticket.ticket_number} attachments={byComment.get(null) ?? []} />
        </li>
        {comments.map((comment) => (
          <li key={comment.id} className={`message ${comment.comment_type}`}>
            <p className="meta">
              <span className="kind">{comment.comment_type === "internal" ? t("ticket.internalNote") : t("ticket.publicReply")}</span>{" "}
              <Author user={users.get(comment.author_id)} viaEmail={viaEmail(comment.author_id)} /> ·{" "}
              <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
              {comment.merged_from && <span className="from-merge"> · {t("merge.fromTicket", { number: comment.merged_from })}</span>}
            </p>
            <p className="body">{comment.content}</p>
            <AttachmentList session={session} number={ticket.ticket_number} attachments={byComment.get(comment.id) ?? []} />
            {ticket.merged_into === null && (
              <button type="button" className="link split" onClick={() => setSplitting(comment)}>
                {t("split.action")}
              </button>
            )}
          </li>
        ))}
      </ol>
      {splitting !== null && (
        <SplitDialog
          session={session}
          number={ticket.ticket_number}
          commentId={splitting.id}
          excerpt={splitting.content.length > 300 ? `${splitting.content.slice(0, 300)}…` : splitting.content}
          onCancel={() => setSplitting(null)}
        />
      )}
      <ErrorMessage error={error} />
      {cursor !== null && (
        <button type="button" onClick={loadMore} disabled={loading}>
          {t("ticket.moreComments")}
        </button>
      )}
    </section>
  );
}

function AttachmentList({ session, number, attachments }: { session: Session; number: string; attachments: Attachment[] }) {
  const [error, setError] = useState<unknown>(null);
  if (attachments.length === 0) return null;
  const open = async (attachment: Attachment) => {
    setError(null);
    try {
      const download = await get("/tickets/{number}/attachments/{attachment_id}", {
        token: session.token,
        params: { number, attachment_id: attachment.id },
      });
      window.open(download.url, "_blank", "noopener,noreferrer");
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <ul className="attachments" aria-label={t("ticket.attachments")}>
        {attachments.map((attachment) => (
          <li key={attachment.id}>
            <button type="button" className="link" onClick={() => open(attachment)}>
              {attachment.file_name}
            </button>{" "}
            <span className="muted">{t("ticket.fileSize", { kb: Math.max(1, Math.round(attachment.file_size / 1024)) })}</span>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
    </>
  );
}

type ComposerProps = {
  session: Session;
  ticket: Detail;
  users: Map<string, User>;
  /** The newest comment the conversation shows ("" for none): replies newer than it are warned of. */
  seen: string;
  /** Whether the composer holds text (the presence heartbeat then says "replying"). */
  onDraft: (drafting: boolean) => void;
};

function Composer({ session, ticket, users, seen, onDraft }: ComposerProps) {
  const client = useQueryClient();
  const [kind, setKind] = useState<"public" | "internal">("public");
  const [content, setContent] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState("");
  // The replies someone else wrote since the conversation was shown (409 newer_reply): asked about.
  const [newer, setNewer] = useState<NewerComment[] | null>(null);
  const drafting = content.trim() !== "";
  useEffect(() => onDraft(drafting), [drafting, onDraft]);
  const text = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const start = (mode: "public" | "internal") => {
    setKind(mode);
    text.current?.focus();
  };
  useShortcut("reply", () => start("public"));
  useShortcut("note", () => start("internal"));
  const send = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    setSent("");
    try {
      const created = await post("/tickets/{number}/comments", {
        token: session.token,
        params: { number: ticket.ticket_number },
        body: { content, comment_type: kind, seen_comment_id: seen, confirm },
        // A new key for the confirmed resend: the warned attempt wrote nothing.
        idempotencyKey: crypto.randomUUID(),
      });
      const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
      let done = 0;
      for (const file of files) {
        setProgress(done / total);
        await uploadAttachment({
          token: session.token,
          ticketNumber: ticket.ticket_number,
          file,
          isPublic: kind === "public",
          commentId: created.comment.id,
          onProgress: (fraction) => setProgress((done + fraction * file.size) / total),
        });
        done += file.size;
      }
      if (files.length > 0) setProgress(1);
      setContent("");
      setFiles([]);
      if (fileInput.current) fileInput.current.value = "";
      setSent(kind === "public" ? t("composer.sentReply") : t("composer.sentNote"));
      await client.invalidateQueries({ queryKey: ["ticket", ticket.ticket_number] });
      void client.invalidateQueries({ queryKey: ["history", ticket.ticket_number] });
    } catch (failure) {
      const warned = newerComments(failure);
      if (warned !== null) setNewer(warned);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  const keepDraft = () => {
    setNewer(null);
    setSent(t("newer.kept"));
    // The conversation reloads with the newer replies; the draft stays as it is.
    void client.invalidateQueries({ queryKey: ["ticket", ticket.ticket_number] });
  };
  const closed = ticket.status === "closed";
  return (
    <form className={`composer ${kind}`} onSubmit={submit} aria-labelledby="composer-title">
      <h2 id="composer-title">{t("composer.title")}</h2>
      <fieldset className="modes">
        <legend>{t("composer.kind")}</legend>
        <label>
          <input type="radio" name="kind" value="public" checked={kind === "public"} onChange={() => setKind("public")} /> {t("composer.reply")}
        </label>
        <label>
          <input type="radio" name="kind" value="internal" checked={kind === "internal"} onChange={() => setKind("internal")} /> {t("composer.note")}
        </label>
      </fieldset>
      <label className="field">
        <span>{kind === "public" ? t("composer.replyLabel") : t("composer.noteLabel")}</span>
        <textarea ref={text} value={content} rows={5} required disabled={closed} onChange={(event) => setContent(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("composer.files")}</span>
        <input ref={fileInput} type="file" multiple disabled={closed} onChange={(event) => setFiles([...(event.target.files ?? [])])} />
      </label>
      {progress !== null && (
        <label className="field">
          <span>{t("composer.progress")}</span>
          <progress value={progress} max={1}>
            {Math.round(progress * 100)} %
          </progress>
        </label>
      )}
      <ErrorMessage error={error} />
      <p role="status" className="notice">
        {sent}
      </p>
      <button type="submit" disabled={busy || closed || content.trim() === ""}>
        {kind === "public" ? t("composer.sendReply") : t("composer.addNote")}
      </button>
      {newer !== null && (
        <NewerReplies
          comments={newer}
          users={users}
          session={session}
          onCancel={keepDraft}
          onSendAnyway={() => {
            setNewer(null);
            void send(true);
          }}
        />
      )}
    </form>
  );
}

type NewerProps = { comments: NewerComment[]; users: Map<string, User>; session: Session; onCancel: () => void; onSendAnyway: () => void };

/** The replies written since the agent's view of the conversation, with "Send anyway" or "Cancel". */
function NewerReplies({ comments, users, session, onCancel, onSendAnyway }: NewerProps) {
  const staff = useStaff(session);
  const people = new Map(users);
  for (const user of staff.data?.items ?? []) if (!people.has(user.id)) people.set(user.id, user);
  return (
    <Dialog labelledBy="newer-title" onCancel={onCancel}>
      <h2 id="newer-title">{t("newer.title")}</h2>
      <p>{t("newer.intro")}</p>
      <ol className="conversation">
        {comments.map((comment) => (
          <li key={comment.id} className={`message ${comment.comment_type}`}>
            <p className="meta">
              <span className="kind">{comment.comment_type === "internal" ? t("ticket.internalNote") : t("ticket.publicReply")}</span>{" "}
              <Author user={people.get(comment.author_id)} viaEmail={false} /> · <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
            </p>
            <p className="body">{comment.content}</p>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t("newer.cancel")}
        </button>
        <button type="button" className="primary" onClick={onSendAnyway}>
          {t("newer.sendAnyway")}
        </button>
      </div>
    </Dialog>
  );
}

function Fields({ session, ticket, organization }: { session: Session; ticket: Detail; organization: Organization | undefined }) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState("");
  const [tags, setTags] = useState(ticket.tags.join(", "));
  const [custom, setCustom] = useState<Record<string, string>>({});
  useEffect(() => setTags(ticket.tags.join(", ")), [ticket.tags]);
  const staff = useStaff(session);
  const agents = (staff.data?.items ?? []).filter((user) => user.role !== "customer" && user.is_active);
  const departments = useDepartments(session);
  // "Solve children too": when this parent is solved, its active children are solved as well.
  const [withChildren, setWithChildren] = useState(false);
  const [childReply, setChildReply] = useState("");
  const [childResults, setChildResults] = useState<ChildResult[] | null>(null);
  const save = async (change: Update) => {
    setError(null);
    setConflict(false);
    setSaved("");
    setChildResults(null);
    try {
      const updated = await patch("/tickets/{number}", {
        token: session.token,
        params: { number: ticket.ticket_number },
        body: change,
        ifMatch: ticket.version,
      });
      client.setQueryData<Detail>(["ticket", ticket.ticket_number], (old) => (old === undefined ? old : { ...old, ...updated }));
      setSaved(t("fields.saved"));
      void client.invalidateQueries({ queryKey: ["history", ticket.ticket_number] });
      void client.invalidateQueries({ queryKey: ["sla", ticket.ticket_number] });
      if (change.status === "solved" && withChildren && ticket.child_count > 0) {
        const solved = await solveChildren(session.token, ticket.ticket_number, childReply.trim() || null);
        setChildResults(solved.results);
        setWithChildren(false);
        setChildReply("");
        void client.invalidateQueries({ queryKey: ["links", ticket.ticket_number] });
      }
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412) {
        // Someone changed the ticket since it was loaded: show theirs, nothing of ours was applied.
        setConflict(true);
        await client.invalidateQueries({ queryKey: ["ticket", ticket.ticket_number] });
      } else setError(failure);
    }
  };
  const definitions = organization?.settings.custom_fields ?? Object.keys(ticket.custom_fields).map((name) => ({ name, type: "text" as const, required: false, choices: [] }));
  const customValue = (name: string) => custom[name] ?? String(ticket.custom_fields[name] ?? "");
  const statuses = [ticket.status, ...NEXT_STATUSES[ticket.status]];
  const assignee = ticket.assigned_agent_id ?? "";
  const assigneeKnown = assignee === "" || agents.some((user) => user.id === assignee);
  const department = ticket.department_id ?? "";
  const activeDepartments = (departments.data?.items ?? []).filter((item) => item.is_active);
  const departmentKnown = department === "" || activeDepartments.some((item) => item.id === department);
  const solvable = ticket.child_count > 0 && ticket.status !== "solved" && ticket.status !== "closed";
  return (
    <section aria-labelledby="fields-title" className="panel">
      <h2 id="fields-title">{t("fields.title")}</h2>
      {conflict && (
        <p role="alert" className="error">
          {t("fields.conflict")}
        </p>
      )}
      <ErrorMessage error={error} />
      <p role="status" className="notice">
        {saved}
      </p>
      <label className="field">
        <span>{t("inbox.status")}</span>
        <select value={ticket.status} disabled={ticket.status === "closed"} onChange={(event) => save({ status: event.target.value as Status })}>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      {solvable && (
        <div className="children-option">
          <label className="check">
            <input type="checkbox" checked={withChildren} onChange={(event) => setWithChildren(event.target.checked)} />{" "}
            {t("children.solveToo", { count: ticket.child_count })}
          </label>
          {withChildren && (
            <>
              <label className="field">
                <span>{t("children.reply")}</span>
                <textarea rows={3} value={childReply} onChange={(event) => setChildReply(event.target.value)} aria-describedby="children-hint" />
              </label>
              <p id="children-hint" className="hint">
                {t("children.hint")}
              </p>
            </>
          )}
        </div>
      )}
      {childResults !== null && <ChildResults results={childResults} />}
      <label className="field">
        <span>{t("inbox.priority")}</span>
        <select value={ticket.priority} onChange={(event) => save({ priority: event.target.value as Priority })}>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("inbox.assignee")}</span>
        <select value={assignee} onChange={(event) => save({ assigned_agent_id: event.target.value || null })}>
          <option value="">{t("ticket.unassigned")}</option>
          {!assigneeKnown && <option value={assignee}>{assignee}</option>}
          {agents.map((user) => (
            <option key={user.id} value={user.id}>
              {user.id === session.user.id ? t("fields.me", { name: userName(user) }) : userName(user)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("bulk.department")}</span>
        <select value={department} onChange={(event) => save({ department_id: event.target.value || null })}>
          <option value="">{t("bulk.noDepartment")}</option>
          {!departmentKnown && <option value={department}>{t("fields.inactiveDepartment")}</option>}
          {activeDepartments.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save({ tags: tags.split(",").map((tag) => tag.trim()).filter(Boolean) });
        }}
      >
        <label className="field">
          <span>{t("ticket.tags")}</span>
          <input value={tags} onChange={(event) => setTags(event.target.value)} aria-describedby="tags-hint" />
        </label>
        <p id="tags-hint" className="hint">
          {t("fields.tagsHint")}
        </p>
        <button type="submit">{t("fields.saveTags")}</button>
      </form>
      {definitions.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const values: Record<string, unknown> = {};
            for (const definition of definitions) {
              const raw = customValue(definition.name);
              if (raw === "") continue;
              values[definition.name] = definition.type === "number" ? Number(raw) : definition.type === "boolean" ? raw === "true" : raw;
            }
            void save({ custom_fields: values });
          }}
        >
          <fieldset>
            <legend>{t("fields.custom")}</legend>
            {definitions.map((definition) => (
              <label className="field" key={definition.name}>
                <span>{definition.name}</span>
                {definition.type === "choice" || definition.type === "boolean" ? (
                  <select value={customValue(definition.name)} onChange={(event) => setCustom({ ...custom, [definition.name]: event.target.value })}>
                    <option value="">—</option>
                    {(definition.type === "boolean" ? ["true", "false"] : definition.choices).map((choice) => (
                      <option key={choice} value={choice}>
                        {choice}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    type={definition.type === "number" ? "number" : definition.type === "date" ? "date" : "text"}
                    value={customValue(definition.name)}
                    onChange={(event) => setCustom({ ...custom, [definition.name]: event.target.value })}
                  />
                )}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t("fields.saveCustom")}</button>
        </form>
      )}
    </section>
  );
}

/** Each child's outcome of "Solve children too". */
function ChildResults({ results }: { results: ChildResult[] }) {
  return (
    <div role="status" className="child-results">
      <p>{t("children.summary", { solved: results.filter((item) => item.outcome === "solved").length, total: results.length })}</p>
      <ul className="plain results">
        {results.map((item) => (
          <li key={item.ticket_number} className={`result result-${item.outcome === "solved" ? "applied" : item.outcome}`}>
            <span className="number">{item.ticket_number}</span>: <strong>{t(`children.outcome.${item.outcome}`)}</strong>
            {item.error && <> — {describeFailure(item.error as { code: string; message: string })}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SlaPanel({ session, number }: { session: Session; number: string }) {
  const sla = useQuery({
    queryKey: ["sla", number],
    queryFn: ({ signal }) => get("/tickets/{number}/sla", { token: session.token, params: { number }, signal }),
  });
  const targets = sla.data ? Object.entries(sla.data.targets) : [];
  return (
    <section aria-labelledby="sla-title" className="panel">
      <h2 id="sla-title">{t("sla.title")}</h2>
      <ErrorMessage error={sla.error} />
      {sla.data && sla.data.policy_id === null && <p className="muted">{t("sla.noPolicy")}</p>}
      {sla.data?.policy_name && <p>{sla.data.policy_name}</p>}
      {targets.length > 0 && (
        <dl className="facts">
          {targets.map(([name, target]) => (
            <div key={name}>
              <dt>{name === "first_response" ? t("sla.firstResponse") : t("sla.resolution")}</dt>
              <dd>
                {t("sla.dueAt", { due: formatDateTime(target.due) })}
                <br />
                <span className={`badge sla-${target.state}`}>
                  {target.state === "met"
                    ? t("sla.met")
                    : target.state === "paused"
                      ? t("sla.pausedLeft", { time: formatDuration(target.remaining_seconds) })
                      : target.state === "breached" || target.remaining_seconds < 0
                        ? t("sla.breachedAgo", { time: formatDuration(target.remaining_seconds) })
                        : t("sla.left", { time: formatDuration(target.remaining_seconds) })}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function CustomerContext({ session, ticket, users }: { session: Session; ticket: Detail; users: Map<string, User> }) {
  const requester = users.get(ticket.customer_id);
  const record = (ticket.included?.customers ?? []).find((customer) => customer.user_id === ticket.customer_id);
  // Another requester's tickets are the whole organization's list: admins and managers only
  // (agents see their own and the unassigned queue).
  const seesAll = session.user.role === "admin" || session.user.role === "manager";
  const others = useQuery({
    queryKey: ["customer-tickets", ticket.customer_id],
    enabled: seesAll,
    queryFn: ({ signal }) => get("/tickets", { token: session.token, query: { customer_id: ticket.customer_id, limit: 6 }, signal }),
  });
  const otherTickets = (others.data?.items ?? []).filter((other) => other.ticket_number !== ticket.ticket_number).slice(0, 5);
  return (
    <section aria-labelledby="customer-title" className="panel">
      <h2 id="customer-title">{t("customer.title")}</h2>
      {requester && (
        <p>
          {userName(requester)}
          <span className="email">{requester.email}</span>
        </p>
      )}
      <dl className="facts">
        {record && (
          <>
            <div>
              <dt>{t("customer.company")}</dt>
              <dd>{record.company || "—"}</dd>
            </div>
            <div>
              <dt>{t("customer.lifetimeValue")}</dt>
              <dd>{record.lifetime_value}</dd>
            </div>
          </>
        )}
        {requester?.customer_tier && (
          <div>
            <dt>{t("customer.tier")}</dt>
            <dd>{t(`tier.${requester.customer_tier}`)}</dd>
          </div>
        )}
      </dl>
      {seesAll && (
        <>
          <h3>{t("customer.otherTickets")}</h3>
          <ErrorMessage error={others.error} />
          {others.data && otherTickets.length === 0 && <p className="muted">{t("customer.noOtherTickets")}</p>}
          <ul className="plain">
            {otherTickets.map((other) => (
              <li key={other.ticket_number}>
                <a href={ticketPath(other.ticket_number)} onClick={followLink}>
                  {other.ticket_number} {other.subject}
                </a>{" "}
                <span className="muted">{t(`status.${other.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function WorkOrders({ session, numbers }: { session: Session; numbers: string[] }) {
  const orders = useQuery({
    queryKey: ["work-orders", numbers],
    enabled: numbers.length > 0,
    queryFn: async ({ signal }) => {
      const found = await Promise.all(
        numbers.map((number) =>
          get("/work-orders/{number}", { token: session.token, params: { number }, signal }).catch((error: unknown) => {
            // Staff who may not read work orders (or one deleted since): left out quietly.
            if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
            throw error;
          }),
        ),
      );
      return found.filter((order) => order !== null);
    },
  });
  if (numbers.length === 0 || (orders.data !== undefined && orders.data.length === 0)) return null;
  return (
    <section aria-labelledby="work-orders-title" className="panel">
      <h2 id="work-orders-title">{t("workOrders.title")}</h2>
      <ErrorMessage error={orders.error} />
      <ul className="plain">
        {(orders.data ?? []).map((order) => (
          <li key={order.work_order_number}>
            {order.work_order_number} {order.title} <span className="muted">{t("workOrders.status", { status: order.status })}</span>
            {order.scheduled_at && <span className="muted"> · {formatDateTime(order.scheduled_at)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function KbSuggestions({ session, subject }: { session: Session; subject: string }) {
  const suggestions = useQuery({
    queryKey: ["kb-suggestions", subject],
    queryFn: ({ signal }) => get("/kb/suggestions", { token: session.token, query: { q: subject }, signal }),
    enabled: subject.trim() !== "",
    staleTime: 5 * 60_000,
  });
  return (
    <section aria-labelledby="kb-title" className="panel">
      <h2 id="kb-title">{t("kb.title")}</h2>
      <ErrorMessage error={suggestions.error} />
      {suggestions.data && suggestions.data.items.length === 0 && <p className="muted">{t("kb.none")}</p>}
      <ul className="plain">
        {(suggestions.data?.items ?? []).map((article) => (
          <li key={article.id}>{article.title}</li>
        ))}
      </ul>
    </section>
  );
}

/** The organization's departments (names and whether active), shared by the ticket page, the lists and the bulk bar. */
export function useDepartments(session: Session, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["departments"],
    queryFn: ({ signal }) => get("/departments", { token: session.token, signal }),
    staleTime: 5 * 60_000,
  });
}

/** Department names by id, for the lists' department column. */
export function departmentNames(departments: Schemas["DepartmentOut"][] | undefined): Map<string, string> {
  return new Map((departments ?? []).map((department) => [department.id, department.name]));
}

/** The organization's staff (assignees' names), shared by the ticket page and the lists. */
export function useStaff(session: Session, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["staff"],
    queryFn: ({ signal }) => get("/users", { token: session.token, query: { limit: 100 }, signal }),
    staleTime: 5 * 60_000,
  });
}

const STATUS_SET = new Set<string>(Object.keys(NEXT_STATUSES));
const PRIORITY_SET = new Set<string>(PRIORITIES);

/** A history value in words: statuses and priorities translated, user ids as names. */
export function historyValue(field: string, value: string | null, users: Map<string, User>): string {
  if (value === null || value === "") return "—";
  if (field === "status" && STATUS_SET.has(value)) return t(`status.${value as Status}`);
  if (field === "priority" && PRIORITY_SET.has(value)) return t(`priority.${value as Priority}`);
  if (field === "assigned_agent_id") return userName(users.get(value)) || value;
  if (field === "time_spent_minutes" || field === "billable_minutes") return /^\d+$/.test(value) ? formatMinutes(Number(value)) : value;
  if (LIST_FIELDS.has(field)) {
    const items = valueText(value);
    if (items === null) return "—";
    // Followers are staff: named, not by id.
    return field === "follower_ids" ? items.split(", ").map((id) => userName(users.get(id)) || id).join(", ") : items;
  }
  return value;
}

/** The fields whose history values are lists (sorted JSON). */
const LIST_FIELDS = new Set(["cc_emails", "follower_ids", "merged_from", "split_into"]);

const FIELD_LABELS: Record<string, () => string> = {
  status: () => t("inbox.status"),
  priority: () => t("inbox.priority"),
  assigned_agent_id: () => t("inbox.assignee"),
  department_id: () => t("bulk.department"),
  tags: () => t("ticket.tags"),
  cc_emails: () => t("ccs.title"),
  follower_ids: () => t("followers.title"),
  link: () => t("links.title"),
  merged_into: () => t("links.kind.merged_into"),
  merged_from: () => t("links.kind.merged_from"),
  split_from: () => t("links.kind.split_from"),
  split_into: () => t("links.kind.split_into"),
  time_spent_minutes: () => t("time.total"),
  billable_minutes: () => t("time.billable"),
};

/** A ticket field's name in words (the API's name when there is none). */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field]?.() ?? field;
}

function History({ session, number, users }: { session: Session; number: string; users: Map<string, User> }) {
  const history = useQuery({
    queryKey: ["history", number],
    queryFn: ({ signal }) => get("/tickets/{number}/history", { token: session.token, params: { number }, query: { limit: 50 }, signal }),
  });
  const staff = useStaff(session);
  const people = new Map(users);
  for (const user of staff.data?.items ?? []) people.set(user.id, user);
  const entries = history.data?.items ?? [];
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("history.title")}</h2>
      <ErrorMessage error={history.error} />
      {history.data && entries.length === 0 && <p className="muted">{t("history.none")}</p>}
      <ol className="history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time>{" "}
            {entry.user_id === null ? t("history.system") : userName(people.get(entry.user_id)) || t("ticket.someone")}:{" "}
            {entry.field_name === "ticket"
              ? t("history.created")
              : entry.old_value !== null || entry.new_value !== null
              ? t("history.change", {
                  field: fieldLabel(entry.field_name),
                  old: historyValue(entry.field_name, entry.old_value, people),
                  new: historyValue(entry.field_name, entry.new_value, people),
                })
              : t("history.event", { field: entry.field_name || entry.change_type })}
          </li>
        ))}
      </ol>
    </section>
  );
}
