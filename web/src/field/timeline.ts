// The dispatch board's and the technician's day's arithmetic, pure (no React, no I/O): where a job
// sits on the day's grid (as class names: the CSP forbids style attributes), the days of a week,
// which jobs overlap, and which moves a technician has on a job.
import type { Schemas } from "../api/client";

export type ScheduledJob = Schemas["ScheduledJobOut"];
export type JobStatus = Schemas["JobOut"]["status"];

/** The day view's first and last hour: 13 one-hour columns, 07:00 to 20:00. */
export const FIRST_HOUR = 7;
export const LAST_HOUR = 20;
export const COLUMNS = LAST_HOUR - FIRST_HOUR;

// Jobs holding a slot on their day (the API's SLOT_JOBS) and the open ones (OPEN_JOBS).
const SLOT: ReadonlySet<JobStatus> = new Set(["assigned", "accepted", "en_route", "started", "completed"]);
const OPEN: ReadonlySet<JobStatus> = new Set(["assigned", "accepted", "en_route", "started"]);

/** A move a technician makes on their own job (the API's TECHNICIAN_MOVES). */
export type Move = "accepted" | "declined" | "en_route" | "started" | "completed";

/** The moves a technician has from each status, in the order the buttons show them. */
const MOVES: Record<JobStatus, Move[]> = {
  assigned: ["accepted", "en_route", "started", "declined"],
  accepted: ["en_route", "started", "declined"],
  en_route: ["started"],
  started: ["completed"],
  declined: [],
  completed: [],
  cancelled: [],
};

export function movesFrom(status: JobStatus): Move[] {
  return MOVES[status];
}

export function isOpen(status: JobStatus): boolean {
  return OPEN.has(status);
}

/** The local calendar day ("2026-11-30") and minutes since midnight of an instant in `zone`. */
export function localTime(iso: string, zone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, minutes: Number(part("hour")) * 60 + Number(part("minute")) };
}

/** The day `count` days after `day` (both "YYYY-MM-DD"). */
export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

/** Seven days from `first`. */
export function weekFrom(first: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(first, index));
}

/**
 * The grid classes of a job in the day view: `tl-start-N` (1-based hour column) and `tl-span-M`
 * (columns covered, at least one), clipped to the visible hours.
 */
export function dayClasses(startMinutes: number, durationMinutes: number): string {
  const first = FIRST_HOUR * 60;
  const from = Math.min(Math.max(startMinutes, first), LAST_HOUR * 60 - 60);
  const to = Math.min(Math.max(startMinutes + durationMinutes, from + 1), LAST_HOUR * 60);
  const start = Math.floor((from - first) / 60) + 1;
  const span = Math.max(1, Math.ceil((to - first) / 60) + 1 - start);
  return `tl-start-${start} tl-span-${Math.min(span, COLUMNS + 1 - start)}`;
}

/** The class of a day's column in the week view (`tl-start-1` for the first day). */
export function weekClasses(day: string, week: string[]): string | null {
  const index = week.indexOf(day);
  return index < 0 ? null : `tl-start-${index + 1} tl-span-1`;
}

/** Jobs holding a slot on `day`, as the API counts them against max_jobs_per_day. */
export function load(jobs: ScheduledJob[], day: string): number {
  return jobs.filter((item) => item.job.slot_day === day && SLOT.has(item.job.status)).length;
}

/** The ids of one technician's open jobs whose work orders overlap in time. */
export function conflicts(jobs: ScheduledJob[]): Set<string> {
  const spans = jobs
    .filter((item) => OPEN.has(item.job.status) && item.work_order?.scheduled_at)
    .map((item) => {
      const start = Date.parse(item.work_order?.scheduled_at ?? "");
      return { id: item.job.id, start, end: start + (item.work_order?.expected_duration_minutes ?? 60) * 60_000 };
    })
    .sort((a, b) => a.start - b.start);
  const clashing = new Set<string>();
  for (let i = 0; i < spans.length; i += 1) {
    for (let j = i + 1; j < spans.length && spans[j].start < spans[i].end; j += 1) {
      clashing.add(spans[i].id);
      clashing.add(spans[j].id);
    }
  }
  return clashing;
}
