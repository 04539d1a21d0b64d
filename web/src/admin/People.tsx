// Users and invitations for admins: invite by email and role, resend or withdraw a pending
// invitation, deactivate or reactivate a user, and grant a user a permission until a date.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, del, get, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { messagesAt } from "../manage/slaForm";
import { TextField } from "./Settings";

type Role = Schemas["Role"];
type User = Schemas["UserOut"];
const ROLES: Role[] = ["agent", "manager", "admin", "customer"];

export function People({ session }: { session: Session }) {
  return (
    <>
      <Invitations session={session} />
      <Users session={session} />
    </>
  );
}

function Invitations({ session }: { session: Session }) {
  const client = useQueryClient();
  const invitations = useQuery({
    queryKey: ["invitations", "pending"],
    queryFn: ({ signal }) => get("/invitations", { token: session.token, signal, query: { status: "pending", limit: 100 } }),
  });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [sent, setSent] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: ["invitations"] });
  const invite = useMutation({
    mutationFn: () => post("/invitations", { token: session.token, idempotencyKey: crypto.randomUUID(), body: { email, role } }),
    onSuccess: (created) => {
      setSent(created.email);
      setEmail("");
      void refresh();
    },
  });
  const resend = useMutation({
    mutationFn: (id: string) => post("/invitations/{invitation_id}/resend", { token: session.token, params: { invitation_id: id } }),
    onSuccess: (again) => setSent(again.email),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => del("/invitations/{invitation_id}", { token: session.token, params: { invitation_id: id } }),
    onSuccess: () => void refresh(),
  });
  const details = invite.error instanceof ApiError ? invite.error.details : [];
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("admin.invitations.title")}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSent("");
          invite.mutate();
        }}
      >
        <TextField id="invite-email" label={t("admin.invitations.email")} value={email} onChange={setEmail} errors={messagesAt(details, "email")} />
        <label className="field">
          <span>{t("admin.invitations.role")}</span>
          <select aria-label={t("admin.invitations.role")} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {details.length === 0 && <ErrorMessage error={invite.error} />}
        <button type="submit" disabled={invite.isPending}>
          {t("admin.invitations.submit")}
        </button>
      </form>
      {sent && <p role="status">{t("admin.invitations.sent", { email: sent })}</p>}
      <ErrorMessage error={invitations.error ?? resend.error ?? withdraw.error} />
      <table>
        <caption>{t("admin.invitations.pending")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.invitations.email")}</th>
            <th scope="col">{t("admin.invitations.role")}</th>
            <th scope="col">{t("admin.invitations.expires")}</th>
            <th scope="col">{t("admin.addresses.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {(invitations.data?.items ?? []).map((item) => (
            <tr key={item.id}>
              <td>{item.email}</td>
              <td>{t(`admin.role.${item.role}`)}</td>
              <td>{formatDateTime(item.expires_at)}</td>
              <td>
                <button type="button" onClick={() => resend.mutate(item.id)} aria-label={t("admin.invitations.resendTo", { email: item.email })}>
                  {t("admin.invitations.resend")}
                </button>
                <button type="button" onClick={() => withdraw.mutate(item.id)} aria-label={t("admin.invitations.withdrawFrom", { email: item.email })}>
                  {t("admin.invitations.withdraw")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Users({ session }: { session: Session }) {
  const client = useQueryClient();
  const [deleted, setDeleted] = useState(false);
  const users = useQuery({
    queryKey: ["users", deleted],
    queryFn: ({ signal }) => get("/users", { token: session.token, signal, query: { limit: 100, deleted } }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["users"] });
  const deactivate = useMutation({
    mutationFn: (id: string) => del("/users/{user_id}", { token: session.token, params: { user_id: id } }),
    onSuccess: () => void refresh(),
  });
  const restore = useMutation({
    mutationFn: (id: string) => post("/users/{user_id}/restore", { token: session.token, params: { user_id: id } }),
    onSuccess: () => void refresh(),
  });
  const [granting, setGranting] = useState<User | null>(null);
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t("admin.users.title")}</h2>
      <label className="check">
        <input type="checkbox" checked={deleted} onChange={(event) => setDeleted(event.target.checked)} />
        {t("admin.users.deactivated")}
      </label>
      <ErrorMessage error={users.error ?? deactivate.error ?? restore.error} />
      <table>
        <caption className="visually-hidden">{t("admin.users.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.users.name")}</th>
            <th scope="col">{t("admin.invitations.email")}</th>
            <th scope="col">{t("admin.invitations.role")}</th>
            <th scope="col">{t("admin.addresses.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.items ?? []).map((user) => {
            const name = `${user.first_name} ${user.last_name}`.trim() || user.email;
            return (
              <tr key={user.id}>
                <td>{name}</td>
                <td>{user.email}</td>
                <td>{t(`admin.role.${user.role}`)}</td>
                <td>
                  {user.is_active ? (
                    user.id !== session.user.id && (
                      <button type="button" onClick={() => deactivate.mutate(user.id)} aria-label={t("admin.users.deactivateWho", { name })}>
                        {t("admin.users.deactivate")}
                      </button>
                    )
                  ) : (
                    <button type="button" onClick={() => restore.mutate(user.id)} aria-label={t("admin.users.restoreWho", { name })}>
                      {t("admin.users.restore")}
                    </button>
                  )}
                  {user.is_active && user.role !== "customer" && (
                    <button type="button" onClick={() => setGranting(user)} aria-label={t("admin.permissions.of", { name })}>
                      {t("admin.permissions.open")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {granting && <Permissions session={session} user={granting} onClose={() => setGranting(null)} />}
    </section>
  );
}

function Permissions({ session, user, onClose }: { session: Session; user: User; onClose: () => void }) {
  const client = useQueryClient();
  const key = ["permissions", user.id];
  const params = { user_id: user.id };
  const permissions = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get("/users/{user_id}/permissions", { token: session.token, params, signal }),
  });
  const [permission, setPermission] = useState("");
  const [until, setUntil] = useState("");
  const grant = useMutation({
    mutationFn: () =>
      post("/users/{user_id}/permissions", {
        token: session.token,
        params,
        idempotencyKey: crypto.randomUUID(),
        body: { permission: permission.trim(), expires_at: until ? new Date(until).toISOString() : null },
      }),
    onSuccess: () => {
      setPermission("");
      setUntil("");
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (name: string) => del("/users/{user_id}/permissions/{permission}", { token: session.token, params: { ...params, permission: name } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  const details = grant.error instanceof ApiError ? grant.error.details : [];
  const name = `${user.first_name} ${user.last_name}`.trim() || user.email;
  return (
    <section aria-labelledby="permissions-heading">
      <h3 id="permissions-heading">{t("admin.permissions.title", { name })}</h3>
      <ErrorMessage error={permissions.error ?? revoke.error} />
      <ul>
        {(permissions.data?.items ?? []).map((item) => (
          <li key={item.permission}>
            {item.permission}{" "}
            {item.expires_at ? t("admin.permissions.until", { when: formatDateTime(item.expires_at) }) : t("admin.permissions.forever")}{" "}
            <button type="button" onClick={() => revoke.mutate(item.permission)} aria-label={t("admin.permissions.revokeWhat", { permission: item.permission })}>
              {t("admin.permissions.revoke")}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          grant.mutate();
        }}
      >
        <TextField id="grant-permission" label={t("admin.permissions.name")} value={permission} onChange={setPermission} errors={messagesAt(details, "permission")} />
        <label className="field">
          <span>{t("admin.permissions.expires")}</span>
          <input type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} />
        </label>
        {details.length === 0 && <ErrorMessage error={grant.error} />}
        <button type="submit" disabled={grant.isPending || permission.trim() === ""}>
          {t("admin.permissions.grant")}
        </button>
        <button type="button" onClick={onClose}>
          {t("admin.permissions.close")}
        </button>
      </form>
    </section>
  );
}
