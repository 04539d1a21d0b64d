// A work order's page (/app/work-orders/<number>): where it stands in its status flow, who holds
// it (every assignment with its status and notes), and the ticket it came from.
import { useQuery } from "@tanstack/react-query";
import { get, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { FieldFrame } from "./FieldFrame";
import { TicketContext } from "./MyJobs";

type Status = Schemas["WorkOrderOut"]["status"];
const FLOW: Status[] = ["new", "scheduled", "dispatched", "in_progress", "completed"];

/** The status flow's steps with the current one marked; on hold and cancelled stand beside it. */
export function flowSteps(status: Status): { status: Status; state: "done" | "current" | "todo" }[] {
  const at = FLOW.indexOf(status);
  return FLOW.map((step, index) => ({
    status: step,
    state: at < 0 ? "todo" : index < at ? "done" : index === at ? "current" : "todo",
  }));
}

export function WorkOrderPage({ session, number }: { session: Session; number: string }) {
  const order = useQuery({
    queryKey: ["field", "work-order", number],
    queryFn: ({ signal }) => get("/work-orders/{number}", { token: session.token, params: { number }, signal }),
  });
  const technicians = useQuery({
    queryKey: ["field", "technicians"],
    enabled: session.user.role === "admin" || session.user.role === "manager",
    queryFn: ({ signal }) => get("/technicians", { token: session.token, query: { limit: 100 }, signal }),
  });
  const employee = new Map((technicians.data?.items ?? []).map((tech) => [tech.id, tech.employee_id]));
  const data = order.data;
  return (
    <FieldFrame session={session} title={data ? `${data.work_order_number} ${data.title}` : t("field.wo.title", { number })}>
      <ErrorMessage error={order.error} />
      {order.isPending && <p>{t("app.loading")}</p>}
      {data && (
        <>
          <section aria-labelledby="wo-flow">
            <h2 id="wo-flow">{t("field.wo.flow")}</h2>
            <p>
              {t("field.wo.now")} <strong className="wo-status">{t(`field.wo.status.${data.status}`)}</strong>
            </p>
            <ol className="flow">
              {flowSteps(data.status).map((step) => (
                <li key={step.status} className={`flow-${step.state}`} aria-current={step.state === "current" ? "step" : undefined}>
                  {t(`field.wo.status.${step.status}`)}
                </li>
              ))}
            </ol>
            <dl className="facts">
              <dt>{t("field.wo.scheduled")}</dt>
              <dd>{data.scheduled_at ? formatDateTime(data.scheduled_at) : t("field.wo.unscheduled")}</dd>
              <dt>{t("field.wo.duration")}</dt>
              <dd>{t("field.wo.minutes", { minutes: data.expected_duration_minutes })}</dd>
              <dt>{t("field.wo.location")}</dt>
              <dd>{data.location ? `${data.location.address} ${data.location.postal_code ?? ""}` : "—"}</dd>
              <dt>{t("field.wo.completedAt")}</dt>
              <dd>{data.completed_at ? formatDateTime(data.completed_at) : "—"}</dd>
            </dl>
            {data.description && <p>{data.description}</p>}
          </section>
          <section aria-labelledby="wo-assignments">
            <h2 id="wo-assignments">{t("field.wo.assignments")}</h2>
            {data.assignments.length === 0 ? (
              <p>{t("field.wo.noAssignments")}</p>
            ) : (
              <table className="assignments">
                <thead>
                  <tr>
                    <th scope="col">{t("field.wo.col.technician")}</th>
                    <th scope="col">{t("field.wo.col.status")}</th>
                    <th scope="col">{t("field.wo.col.assigned")}</th>
                    <th scope="col">{t("field.wo.col.completed")}</th>
                    <th scope="col">{t("field.wo.col.notes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.assignments.map((job) => (
                    <tr key={job.id}>
                      <td data-label={t("field.wo.col.technician")}>
                        {job.user_id === session.user.id ? t("field.wo.you") : (employee.get(job.technician_id) ?? job.technician_id)}
                      </td>
                      <td data-label={t("field.wo.col.status")} className="job-status">
                        {t(`field.job.${job.status}`)}
                      </td>
                      <td data-label={t("field.wo.col.assigned")}>{formatDateTime(job.assigned_at)}</td>
                      <td data-label={t("field.wo.col.completed")}>{formatDateTime(job.completed_at)}</td>
                      <td data-label={t("field.wo.col.notes")}>{job.notes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="wo-ticket">
            <h2 id="wo-ticket">{t("field.wo.ticket")}</h2>
            {data.ticket_number ? <TicketContext session={session} number={data.ticket_number} open /> : <p>{t("field.wo.noTicket")}</p>}
          </section>
        </>
      )}
    </FieldFrame>
  );
}
