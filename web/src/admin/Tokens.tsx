// API tokens for integrations: create (the token is shown once), list with last use, revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { del, get, post } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { ShownOnce } from "./ShownOnce";

const ROLES = ["agent", "manager", "admin"] as const;
type Role = (typeof ROLES)[number];

/** The end of a chosen day (UTC) as the API's timestamp, or none for an empty field. */
export function endOfDay(day: string): string | null {
  return day === "" ? null : `${day}T23:59:59Z`;
}

export function ApiTokens({ session }: { session: Session }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [expires, setExpires] = useState("");
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const tokens = useQuery({
    queryKey: ["api-tokens"],
    queryFn: ({ signal }) => get("/organization/api-tokens", { token: session.token, query: { limit: 100 }, signal }),
  });
  const create = useMutation({
    mutationFn: () =>
      post("/organization/api-tokens", {
        token: session.token,
        idempotencyKey: crypto.randomUUID(),
        body: { name, role, expires_at: endOfDay(expires) },
      }),
    onSuccess: (created) => {
      setShown({ name: created.name, token: created.token });
      setName("");
      setExpires("");
      void client.invalidateQueries({ queryKey: ["api-tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del("/organization/api-tokens/{token_id}", { token: session.token, params: { token_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["api-tokens"] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <form aria-labelledby="token-new" onSubmit={submit}>
        <h2 id="token-new">{t("ops.tokens.new")}</h2>
        <Field label={t("ops.tokens.name")} name="name" value={name} onChange={setName} />
        <label className="field">
          <span>{t("ops.tokens.role")}</span>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`ops.role.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <Field label={t("ops.tokens.expires")} name="expires" type="date" value={expires} onChange={setExpires} required={false} />
        <button type="submit" disabled={create.isPending}>
          {t("ops.tokens.create")}
        </button>
        <ErrorMessage error={create.error} />
      </form>
      {shown && <ShownOnce name={shown.name} secret={shown.token} onDone={() => setShown(null)} />}
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <p>{t("app.loading")}</p>
      ) : (tokens.data?.items ?? []).length === 0 ? (
        <p>{t("ops.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("ops.tokens.name")}</th>
              <th scope="col">{t("ops.tokens.role")}</th>
              <th scope="col">{t("ops.created")}</th>
              <th scope="col">{t("ops.tokens.lastUsed")}</th>
              <th scope="col">{t("ops.tokens.expiresColumn")}</th>
              <th scope="col">{t("ops.tokens.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("ops.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.items.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.role ?? token.actions?.join(", ")}</td>
                <td>{formatDateTime(token.created_at)}</td>
                <td>{formatDateTime(token.last_used_at)}</td>
                <td>{formatDateTime(token.expires_at)}</td>
                <td>{token.revoked_at ? t("ops.tokens.revoked") : t("ops.tokens.active")}</td>
                <td>
                  {!token.revoked_at && (
                    <button type="button" onClick={() => revoke.mutate(token.id)} disabled={revoke.isPending}>
                      {t("ops.tokens.revoke", { name: token.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
