// After sign-in: the tickets the session may see (GET /tickets), newest change first.
import { useMutation, useQuery } from "@tanstack/react-query";
import { get, post } from "../api/client";
import { ErrorMessage, Page } from "../components";
import { t } from "../i18n";
import { endSession, type Session } from "../session";

export function Inbox({ session }: { session: Session }) {
  const tickets = useQuery({
    queryKey: ["tickets", session.user.id],
    queryFn: ({ signal }) => get("/tickets", { token: session.token, query: { limit: 50 }, signal }),
  });
  const signOut = useMutation({
    mutationFn: () => post("/auth/logout", { token: session.token }),
    // Signed out here whatever the API answers: an ended session is as good as a revoked one.
    onSettled: () => endSession(),
  });
  const name = `${session.user.first_name} ${session.user.last_name}`.trim() || session.user.email;
  return (
    <Page title={t("inbox.title")}>
      <p className="who">
        {t("inbox.signedInAs", { name })}{" "}
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t("signOut")}
        </button>
      </p>
      {tickets.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={tickets.error} />
      {tickets.data && tickets.data.items.length === 0 && <p>{t("inbox.empty")}</p>}
      {tickets.data && tickets.data.items.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th>{t("inbox.subject")}</th>
              <th>{t("inbox.status")}</th>
              <th>{t("inbox.priority")}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.data.items.map((ticket) => (
              <tr key={ticket.ticket_number}>
                <td>{ticket.subject}</td>
                <td>{ticket.status}</td>
                <td>{ticket.priority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
