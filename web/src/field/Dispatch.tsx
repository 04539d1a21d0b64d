// The dispatch board (/app/dispatch, admins and managers): technicians as rows with a day or week
// timeline of their jobs, the work orders waiting for a technician beside it, and the API's
// dispatch suggestions (with their reasons) for the chosen work order. Assigning is a click on a
// suggestion or on a technician's row, or a drag of the work order onto the row; the API judges
// capacity and eligibility and its refusal (422) is shown as it words it.
import { useLiveTopics } from "../live";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useMemo, useState } from "react";
import { ApiError, get, post, type Schemas } from "../api/client";
import { useStaff } from "../agent/TicketPage";
import { ErrorMessage } from "../components";
import { formatDateTime, timeZone } from "../format";
import { describeError, language, t } from "../i18n";
import type { Session } from "../session";
import { FieldFrame, inAppLink } from "./FieldFrame";
import { DISPATCH_PATH, workOrderPath } from "./paths";
import { addDays, COLUMNS, conflicts, dayClasses, FIRST_HOUR, load, localTime, type ScheduledJob, weekClasses, weekFrom } from "./timeline";

type Technician = Schemas["TechnicianOut"];
type WorkOrder = Schemas["WorkOrderOut"];
type Suggestion = Schemas["SuggestionOut"];
type Span = "day" | "week";
const WAITING = ["new", "scheduled"] as const; // work orders no technician holds yet
const DRAG_TYPE = "application/x-deskless-work-order";

const LIVE_TOPICS = ["dispatch"];

export function DispatchBoard({ session }: { session: Session }) {
  const client = useQueryClient();
  // A work order or job changed (here or elsewhere): the board and the waiting list are read again.
  useLiveTopics(LIVE_TOPICS, () => void client.invalidateQueries({ queryKey: ["field"] }));
  const [day, setDay] = useState(() => localTime(new Date().toISOString(), timeZone()).day);
  const [span, setSpan] = useState<Span>("day");
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const days = span === "day" ? [day] : weekFrom(day);
  const token = session.token;

  const staff = useStaff(session);
  const names = useMemo(
    () => new Map((staff.data?.items ?? []).map((user) => [user.id, `${user.first_name} ${user.last_name}`.trim() || user.email])),
    [staff.data],
  );
  // One read for the whole board: a page of technicians, each with their jobs in the range.
  const board = useQuery({
    queryKey: ["field", "board", days[0], days[days.length - 1]],
    queryFn: ({ signal }) =>
      get("/dispatch-board", { token, query: { from: days[0], to: days[days.length - 1], limit: 100 }, signal }),
  });
  const rows = (board.data?.items ?? []).filter((row) => row.technician.is_active);
  const active = rows.map((row) => row.technician);
  const waiting = useQuery({
    queryKey: ["field", "waiting"],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(WAITING.map((status) => get("/work-orders", { token, query: { status, limit: 100 }, signal })));
      return pages.flatMap((page) => page.items);
    },
  });
  const suggestions = useQuery({
    queryKey: ["field", "suggestions", chosen],
    enabled: chosen !== null,
    queryFn: ({ signal }) =>
      get("/work-orders/{number}/dispatch-suggestions", {
        token,
        params: { number: chosen ?? "" },
        query: { include_excluded: true, limit: 10 },
        signal,
      }),
  });
  const assign = useMutation({
    mutationFn: ({ number, technicianId }: { number: string; technicianId: string }) =>
      post("/work-orders/{number}/assignments", {
        token,
        params: { number },
        body: { technician_id: technicianId, auto: false, notes: "" },
        idempotencyKey: crypto.randomUUID(),
      }),
    onMutate: () => setDone(null),
    onSuccess: (answer) => {
      const who = label(active.find((tech) => tech.id === answer.assignment.technician_id));
      setDone(t("field.board.assigned", { number: answer.work_order.work_order_number, who }));
      setChosen(null);
      void client.invalidateQueries({ queryKey: ["field"] });
    },
  });

  const label = (tech: Technician | undefined): string =>
    tech === undefined ? "" : t("field.technician", { name: names.get(tech.user_id) ?? tech.employee_id, id: tech.employee_id });
  const assignTo = (technicianId: string, number: string | null = chosen) => {
    if (number !== null) assign.mutate({ number, technicianId });
  };
  const onDrop = (event: DragEvent<HTMLElement>, technicianId: string) => {
    event.preventDefault();
    const number = event.dataTransfer.getData(DRAG_TYPE);
    if (number) assignTo(technicianId, number);
  };
  const waitingOrders = waiting.data ?? [];

  return (
    <FieldFrame session={session} title={t("field.board.title")} current={DISPATCH_PATH} wide>
      <form className="board-controls" onSubmit={(event) => event.preventDefault()}>
        <button type="button" onClick={() => setDay(addDays(day, span === "day" ? -1 : -7))}>
          {span === "day" ? t("field.board.previousDay") : t("field.board.previousWeek")}
        </button>
        <label className="field inline">
          <span>{t("field.board.day")}</span>
          <input type="date" value={day} required onChange={(event) => event.target.value && setDay(event.target.value)} />
        </label>
        <button type="button" onClick={() => setDay(addDays(day, span === "day" ? 1 : 7))}>
          {span === "day" ? t("field.board.nextDay") : t("field.board.nextWeek")}
        </button>
        <fieldset className="segmented">
          <legend>{t("field.board.span")}</legend>
          {(["day", "week"] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="span" value={value} checked={span === value} onChange={() => setSpan(value)} />
              {t(`field.board.span.${value}`)}
            </label>
          ))}
        </fieldset>
      </form>
      <div role="status" className="board-status">
        {done}
      </div>
      {assign.isError && <AssignError error={assign.error} />}
      <div className="board">
        <section className="board-timeline" aria-labelledby="board-technicians">
          <h2 id="board-technicians">{t("field.board.technicians")}</h2>
          <ErrorMessage error={board.error} />
          {board.isPending && <p>{t("app.loading")}</p>}
          {board.isSuccess && active.length === 0 && <p>{t("field.board.noTechnicians")}</p>}
          {board.data?.next_cursor && <p className="notice">{t("field.board.moreTechnicians")}</p>}
          <div className={span === "day" ? "tl tl-day" : "tl tl-week"}>
            <div className="tl-head" aria-hidden="true">
              <span className="tl-who" />
              <ol className="tl-track">
                {span === "day"
                  ? Array.from({ length: COLUMNS }, (_, index) => (
                      <li key={index} className={`tl-start-${index + 1} tl-span-1`}>
                        {String(FIRST_HOUR + index).padStart(2, "0")}
                      </li>
                    ))
                  : days.map((d, index) => (
                      <li key={d} className={`tl-start-${index + 1} tl-span-1`}>
                        {d.slice(5)}
                      </li>
                    ))}
              </ol>
            </div>
            {rows.map((row) => (
              <TechnicianRow
                key={row.technician.id}
                technician={row.technician}
                name={label(row.technician)}
                jobs={row.jobs}
                days={days}
                span={span}
                chosen={chosen}
                busy={assign.isPending}
                onAssign={assignTo}
                onDrop={onDrop}
              />
            ))}
          </div>
        </section>
        <aside className="board-side" aria-labelledby="board-waiting">
          <h2 id="board-waiting">{t("field.board.waiting")}</h2>
          <ErrorMessage error={waiting.error} />
          {waiting.isSuccess && waitingOrders.length === 0 && <p>{t("field.board.noneWaiting")}</p>}
          <ul className="waiting">
            {waitingOrders.map((order) => (
              <WaitingOrder key={order.work_order_number} order={order} chosen={chosen === order.work_order_number} onChoose={setChosen} />
            ))}
          </ul>
          {chosen !== null && (
            <Suggestions
              number={chosen}
              items={suggestions.data?.items ?? []}
              excluded={suggestions.data?.excluded ?? []}
              pending={suggestions.isPending}
              error={suggestions.error}
              names={(s) => t("field.technician", { name: names.get(s.user_id) ?? s.employee_id, id: s.employee_id })}
              busy={assign.isPending}
              onAssign={(id) => assignTo(id)}
            />
          )}
        </aside>
      </div>
    </FieldFrame>
  );
}

/** The time of day only (the day view's column says the day), in the user's language and zone. */
function formatTime(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language(), { timeStyle: "short", timeZone: timeZone() }).format(new Date(iso));
}

/** The API's refusal as the dispatcher reads it: its words, and the reasons it gave. */
function AssignError({ error }: { error: unknown }) {
  const reasons =
    error instanceof ApiError ? error.details.flatMap((detail) => ((detail as { reasons?: string[] }).reasons ?? [])) : [];
  return (
    <div className="error" role="alert">
      <p>
        {t("field.board.refused")} {describeError(error)}
      </p>
      {reasons.length > 0 && (
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type RowProps = {
  technician: Technician;
  name: string;
  jobs: ScheduledJob[];
  days: string[];
  span: Span;
  chosen: string | null;
  busy: boolean;
  onAssign: (technicianId: string) => void;
  onDrop: (event: DragEvent<HTMLElement>, technicianId: string) => void;
};

function TechnicianRow({ technician, name, jobs, days, span, chosen, busy, onAssign, onDrop }: RowProps) {
  const clashing = conflicts(jobs);
  const shown = jobs.filter((item) => item.job.status !== "declined" && item.job.status !== "cancelled");
  const heading = `tech-${technician.id}`;
  return (
    <section
      className="tl-row"
      aria-labelledby={heading}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => onDrop(event, technician.id)}
    >
      <div className="tl-who">
        <h3 id={heading}>{name}</h3>
        <p className="muted">
          {t(`field.availability.${technician.availability_status}`)} ·{" "}
          {days.length === 1
            ? t("field.board.load", { count: load(jobs, days[0]), max: technician.max_jobs_per_day })
            : t("field.board.openJobs", { count: technician.current_jobs_count })}
        </p>
        {chosen !== null && (
          <button type="button" disabled={busy} onClick={() => onAssign(technician.id)}>
            {t("field.board.assignHere", { number: chosen })}
          </button>
        )}
      </div>
      <ol className="tl-track">
        {shown.map((item) => {
          const order = item.work_order;
          const classes =
            span === "day"
              ? order?.scheduled_at
                ? dayClasses(localTime(order.scheduled_at, timeZone()).minutes, order.expected_duration_minutes)
                : "tl-start-1 tl-span-1"
              : (weekClasses(item.job.slot_day, days) ?? "tl-start-1 tl-span-1");
          const clash = clashing.has(item.job.id);
          return (
            <li key={item.job.id} className={`tl-job job-${item.job.status} ${classes}${clash ? " tl-conflict" : ""}`}>
              <a href={workOrderPath(item.job.work_order_number)} onClick={inAppLink}>
                {item.job.work_order_number}
              </a>
              <span className="tl-when">
                {span === "day" ? formatTime(order?.scheduled_at) : formatDateTime(order?.scheduled_at)} · {t(`field.job.${item.job.status}`)}
              </span>
              <span>{order?.title}</span>
              {clash && <strong className="conflict">{t("field.board.conflict")}</strong>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function WaitingOrder({ order, chosen, onChoose }: { order: WorkOrder; chosen: boolean; onChoose: (number: string | null) => void }) {
  return (
    <li
      className={chosen ? "waiting-order chosen" : "waiting-order"}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, order.work_order_number);
        event.dataTransfer.effectAllowed = "move";
      }}
    >
      <button type="button" aria-pressed={chosen} onClick={() => onChoose(chosen ? null : order.work_order_number)}>
        {order.work_order_number} {order.title}
      </button>
      <p className="muted">
        {order.scheduled_at ? formatDateTime(order.scheduled_at) : t("field.wo.unscheduled")} · {t("field.priority", { priority: t(`priority.${order.priority}`) })}
        {order.location?.address ? ` · ${order.location.address}` : ""}
      </p>
      {order.required_skills.length > 0 && <p className="muted">{t("field.wo.skills", { skills: order.required_skills.join(", ") })}</p>}
    </li>
  );
}

type SuggestionsProps = {
  number: string;
  items: Suggestion[];
  excluded: Suggestion[];
  pending: boolean;
  error: unknown;
  names: (s: Suggestion) => string;
  busy: boolean;
  onAssign: (technicianId: string) => void;
};

function Suggestions({ number, items, excluded, pending, error, names, busy, onAssign }: SuggestionsProps) {
  const one = (s: Suggestion, fits: boolean) => (
    <li key={s.technician_id} className="suggestion">
      <h4>
        {s.rank !== null && <span className="rank">{t("field.suggest.rank", { rank: s.rank })}</span>} {names(s)}
      </h4>
      <p className="muted">
        {t("field.board.load", { count: s.jobs_on_day, max: s.max_jobs_per_day })}
        {s.distance_km !== null ? ` · ${t("field.suggest.distance", { km: s.distance_km.toFixed(1) })}` : ""}
      </p>
      <ul className="reasons">
        {s.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <button type="button" disabled={busy} onClick={() => onAssign(s.technician_id)}>
        {fits ? t("field.suggest.assign", { who: names(s) }) : t("field.suggest.tryAnyway", { who: names(s) })}
      </button>
    </li>
  );
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">{t("field.suggest.title", { number })}</h3>
      <ErrorMessage error={error} />
      {pending && error === null && <p>{t("app.loading")}</p>}
      {!pending && items.length === 0 && <p>{t("field.suggest.none")}</p>}
      <ol className="suggestion-list">{items.map((s) => one(s, true))}</ol>
      {excluded.length > 0 && (
        <>
          <h4>{t("field.suggest.excluded")}</h4>
          <ul className="suggestion-list">{excluded.map((s) => one(s, false))}</ul>
        </>
      )}
    </section>
  );
}
