import { describe, expect, it } from "vitest";
import { addDays, conflicts, dayClasses, load, localTime, movesFrom, type ScheduledJob, weekClasses, weekFrom } from "./timeline";
import { flowSteps } from "./WorkOrderPage";

function job(id: string, status: ScheduledJob["job"]["status"], at: string, minutes = 60, day = at.slice(0, 10)): ScheduledJob {
  return {
    job: { id, status, slot_day: day, work_order_number: `WO-${id}` },
    work_order: { scheduled_at: at, expected_duration_minutes: minutes },
  } as ScheduledJob;
}

describe("the timeline", () => {
  it("places a job by its local start hour and length, clipped to the visible day", () => {
    expect(dayClasses(10 * 60, 90)).toBe("tl-start-4 tl-span-2");
    expect(dayClasses(10 * 60 + 30, 60)).toBe("tl-start-4 tl-span-2");
    expect(dayClasses(5 * 60, 30)).toBe("tl-start-1 tl-span-1");
    expect(dayClasses(19 * 60, 240)).toBe("tl-start-13 tl-span-1");
  });

  it("reads the local day and time in the viewer's zone", () => {
    expect(localTime("2026-11-30T23:30:00Z", "Europe/Berlin")).toEqual({ day: "2026-12-01", minutes: 30 });
    expect(localTime("2026-07-01T09:15:00Z", "Europe/London")).toEqual({ day: "2026-07-01", minutes: 10 * 60 + 15 });
  });

  it("counts days across month ends and lays a week out", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    const week = weekFrom("2026-11-30");
    expect(week).toHaveLength(7);
    expect(weekClasses("2026-12-02", week)).toBe("tl-start-3 tl-span-1");
    expect(weekClasses("2026-12-09", week)).toBeNull();
  });

  it("counts the slots the API counts and flags overlapping open jobs", () => {
    const jobs = [
      job("1", "accepted", "2026-12-01T10:00:00Z", 120),
      job("2", "assigned", "2026-12-01T11:00:00Z"),
      job("3", "declined", "2026-12-01T10:30:00Z"),
      job("4", "completed", "2026-12-01T15:00:00Z"),
    ];
    expect(load(jobs, "2026-12-01")).toBe(3);
    expect([...conflicts(jobs)].sort()).toEqual(["1", "2"]);
  });

  it("offers a technician only the moves the API allows", () => {
    expect(movesFrom("assigned")).toEqual(["accepted", "en_route", "started", "declined"]);
    expect(movesFrom("started")).toEqual(["completed"]);
    expect(movesFrom("completed")).toEqual([]);
  });

  it("marks the work order's place in its status flow", () => {
    expect(flowSteps("dispatched").map((step) => step.state)).toEqual(["done", "done", "current", "todo", "todo"]);
    expect(flowSteps("on_hold").every((step) => step.state === "todo")).toBe(true);
  });
});
