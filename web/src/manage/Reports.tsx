// The managers' reports (GET /reports/sla, /reports/tickets, /reports/csat, /reports/time): a date
// range and filters, then one chart per figure, each also a table and a CSV download. Every figure
// comes from the API's counter rows; the page only reshapes them.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type MouseEvent, useMemo, useState } from "react";
import { get, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDay } from "../format";
import { type MessageKey, t } from "../i18n";
import { navigate } from "../router";
import { type Session } from "../session";
import { ChartCard, type Series } from "./ChartCard";
import { mayReadReports } from "./paths";

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
type Priority = (typeof PRIORITIES)[number];
type Range = { from: string; to: string; priority: Priority | ""; department: string };

/** The last 30 UTC days, today included (the API's default range). */
export function defaultRange(now: Date = new Date()): Range {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to, priority: "", department: "" };
}

const hours = (seconds: number | null | undefined): number | null =>
  seconds === null || seconds === undefined ? null : Math.round((seconds / 3600) * 100) / 100;

function toInbox(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate("/app/");
}

export default function Reports({ session }: { session: Session }) {
  const allowed = mayReadReports(session.user.role);
  const [range, setRange] = useState<Range>(() => defaultRange());
  const [draft, setDraft] = useState<Range>(range);
  const token = session.token;
  const period = { from: range.from, to: range.to };

  const sla = useQuery({
    enabled: allowed,
    queryKey: ["reports", "sla", range],
    queryFn: ({ signal }) =>
      get("/reports/sla", {
        token,
        signal,
        query: { ...period, ...(range.priority ? { priority: range.priority } : {}), ...(range.department ? { department_id: range.department } : {}) },
      }),
  });
  const tickets = useQuery({
    enabled: allowed,
    queryKey: ["reports", "tickets", period],
    queryFn: ({ signal }) => get("/reports/tickets", { token, signal, query: period }),
  });
  const csatWeeks = useQuery({
    enabled: allowed,
    queryKey: ["reports", "csat", "week", period],
    queryFn: ({ signal }) => get("/reports/csat", { token, signal, query: { ...period, group_by: "week" } }),
  });
  const csatAgents = useQuery({
    enabled: allowed,
    queryKey: ["reports", "csat", "agent", period],
    queryFn: ({ signal }) => get("/reports/csat", { token, signal, query: { ...period, group_by: "agent" } }),
  });
  const time = useQuery({
    enabled: allowed,
    queryKey: ["reports", "time", period],
    queryFn: ({ signal }) => get("/reports/time", { token, signal, query: { ...period, group_by: "agent" } }),
  });
  const departments = useQuery({
    enabled: allowed,
    queryKey: ["departments"],
    queryFn: ({ signal }) => get("/departments", { token, signal, query: { limit: 100 } }),
    staleTime: 5 * 60_000,
  });
  const staff = useQuery({
    enabled: allowed,
    queryKey: ["staff"],
    queryFn: ({ signal }) => get("/users", { token, signal, query: { limit: 100 } }),
    staleTime: 5 * 60_000,
  });
  const names = useMemo(() => {
    const found = new Map<string, string>();
    for (const user of staff.data?.items ?? []) found.set(user.id, `${user.first_name} ${user.last_name}`.trim() || user.email);
    return found;
  }, [staff.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRange(draft);
  };

  return (
    <div className="reports">
      <a className="skip" href="#reports-main">
        {t("reports.skip")}
      </a>
      <header className="topbar">
        <a className="brand" href="/app/" onClick={toInbox}>
          {t("app.name")}
        </a>
        <a href="/app/" onClick={toInbox}>
          {t("reports.back")}
        </a>
      </header>
      <main id="reports-main" className="reports-main" tabIndex={-1}>
        <h1>{t("reports.title")}</h1>
        {!allowed ? (
          <p role="alert">{t("reports.forbidden")}</p>
        ) : (
          <>
            <form className="report-filters" aria-label={t("reports.filters")} onSubmit={submit}>
              <label>
                <span>{t("reports.from")}</span>
                <input type="date" name="from" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
              </label>
              <label>
                <span>{t("reports.to")}</span>
                <input type="date" name="to" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
              </label>
              <label>
                <span>{t("reports.priority")}</span>
                <select name="priority" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value as Priority | "" })}>
                  <option value="">{t("reports.any")}</option>
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`priority.${p}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t("reports.department")}</span>
                <select name="department" value={draft.department} onChange={(e) => setDraft({ ...draft, department: e.target.value })}>
                  <option value="">{t("reports.any")}</option>
                  <option value="none">{t("reports.noDepartment")}</option>
                  {(departments.data?.items ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t("reports.apply")}</button>
            </form>
            {[sla, tickets, csatWeeks, csatAgents, time].map((q, i) => (
              <ErrorMessage key={i} error={q.error} />
            ))}
            <div className="report-grid">
              {sla.data ? <SlaCharts report={sla.data} /> : <Loading />}
              {tickets.data ? <TicketCharts report={tickets.data} names={names} /> : <Loading />}
              {csatWeeks.data && csatAgents.data ? <CsatCharts weeks={csatWeeks.data} agents={csatAgents.data} names={names} /> : <Loading />}
              {time.data ? <TimeChart report={time.data} /> : <Loading />}
            </div>
          </>
        )}
      </main>
    </div>
  );
}

function Loading() {
  return <p role="status">{t("reports.loading")}</p>;
}

function SlaCharts({ report }: { report: Schemas["SLAReport"] }) {
  const days = report.by_day;
  const keys = useMemo(() => days.map((d) => d.day), [days]);
  const labels = useMemo(() => keys.map(formatDay), [keys]);
  const outcomes: Series[] = useMemo(
    () => [
      { label: t("reports.col.frMet"), values: days.map((d) => d.first_response.met) },
      { label: t("reports.col.frBreached"), values: days.map((d) => d.first_response.breached) },
      { label: t("reports.col.resMet"), values: days.map((d) => d.resolution.met) },
      { label: t("reports.col.resBreached"), values: days.map((d) => d.resolution.breached) },
    ],
    [days],
  );
  const medians: Series[] = useMemo(
    () => [
      { label: t("reports.col.frMedian"), values: days.map((d) => hours(d.first_response.median_seconds)) },
      { label: t("reports.col.resMedian"), values: days.map((d) => hours(d.resolution.median_seconds)) },
    ],
    [days],
  );
  return (
    <>
      <ChartCard name="sla-per-day" title={t("reports.sla.title")} kind="bar" stacked category={t("reports.col.day")} labels={labels} keys={keys} series={outcomes} />
      <ChartCard name="medians" title={t("reports.medians.title")} kind="line" category={t("reports.col.day")} labels={labels} keys={keys} series={medians} />
    </>
  );
}

function TicketCharts({ report, names }: { report: Schemas["TicketsReport"]; names: Map<string, string> }) {
  const keys = useMemo(() => report.by_day.map((d) => d.day), [report]);
  const labels = useMemo(() => keys.map(formatDay), [keys]);
  const flow: Series[] = useMemo(
    () => [
      { label: t("reports.col.created"), values: report.by_day.map((d) => d.created) },
      { label: t("reports.col.solved"), values: report.by_day.map((d) => d.solved) },
    ],
    [report],
  );
  const bucketKeys = useMemo(() => report.backlog.map((b) => b.bucket), [report]);
  const bucketLabels = useMemo(() => bucketKeys.map((b) => t(`reports.bucket.${b}` as MessageKey)), [bucketKeys]);
  const backlog: Series[] = useMemo(() => [{ label: t("reports.col.open"), values: report.backlog.map((b) => b.open) }], [report]);
  const rows = useMemo(() => [...report.workload.map((w) => ({ ...w, name: w.agent_name ?? names.get(w.agent_id) ?? t("reports.unknownAgent") })), { ...report.unassigned, agent_id: "-", name: t("reports.unassigned") }], [report, names]);
  const agentNames = useMemo(() => rows.map((r) => r.name), [rows]);
  const workload: Series[] = useMemo(
    () => [
      { label: t("reports.col.new"), values: rows.map((r) => r.new) },
      { label: t("reports.col.openStatus"), values: rows.map((r) => r.open) },
      { label: t("reports.col.pending"), values: rows.map((r) => r.pending) },
      { label: t("reports.col.onHold"), values: rows.map((r) => r.on_hold) },
    ],
    [rows],
  );
  return (
    <>
      <ChartCard name="created-vs-solved" title={t("reports.flow.title")} kind="bar" category={t("reports.col.day")} labels={labels} keys={keys} series={flow} />
      <ChartCard name="backlog" title={t("reports.backlog.title")} kind="bar" category={t("reports.col.bucket")} labels={bucketLabels} series={backlog} />
      <ChartCard name="workload" title={t("reports.workload.title")} kind="bar" stacked category={t("reports.col.agent")} labels={agentNames} series={workload} />
    </>
  );
}

function CsatCharts({ weeks, agents, names }: { weeks: Schemas["CSATReport"]; agents: Schemas["CSATReport"]; names: Map<string, string> }) {
  const weekKeys = useMemo(() => weeks.rows.map((r) => r.week ?? ""), [weeks]);
  const trend: Series[] = useMemo(
    () => [
      { label: t("reports.col.csat"), values: weeks.rows.map((r) => r.csat_percent) },
      { label: t("reports.col.ratings"), values: weeks.rows.map((r) => r.count) },
    ],
    [weeks],
  );
  const agentLabels = useMemo(
    () => agents.rows.map((r) => (r.agent_id ? (names.get(r.agent_id) ?? t("reports.unknownAgent")) : t("reports.unassigned"))),
    [agents, names],
  );
  const scores: Series[] = useMemo(
    () => [
      { label: t("reports.col.average"), values: agents.rows.map((r) => r.average_score) },
      { label: t("reports.col.ratings"), values: agents.rows.map((r) => r.count) },
    ],
    [agents],
  );
  return (
    <>
      <ChartCard name="csat-trend" title={t("reports.csatTrend.title")} kind="line" category={t("reports.col.week")} labels={weekKeys} series={trend} />
      <ChartCard name="csat-agents" title={t("reports.csatAgents.title")} kind="bar" category={t("reports.col.agent")} labels={agentLabels} series={scores} />
    </>
  );
}

function TimeChart({ report }: { report: Schemas["TimeReport"] }) {
  const labels = useMemo(() => report.rows.map((r) => r.label), [report]);
  const series: Series[] = useMemo(
    () => [
      { label: t("reports.col.hours"), values: report.rows.map((r) => Math.round((r.minutes / 60) * 100) / 100) },
      { label: t("reports.col.billable"), values: report.rows.map((r) => Math.round((r.billable_minutes / 60) * 100) / 100) },
    ],
    [report],
  );
  return <ChartCard name="time" title={t("reports.time.title")} kind="bar" category={t("reports.col.agent")} labels={labels} series={series} />;
}
