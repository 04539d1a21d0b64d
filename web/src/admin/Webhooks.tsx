// Webhooks: outbound subscriptions (create, edit, switch on/off, delete; the signing secret shown
// once; the delivery log per subscription) and the inbound webhook secrets (rotation shows the new
// secret once; the newest two stay valid).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { del, get, patch, post, type Schemas } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { Session } from "../session";
import { ShownOnce } from "./ShownOnce";

type Subscription = Schemas["SubscriptionOut"];
type Event = Schemas["WebhookSubscriptionCommand"]["events"][number];
export const EVENTS: Event[] = [
  "ticket.created",
  "ticket.updated",
  "comment.added",
  "sla.warning",
  "sla.breached",
  "ticket.merged",
  "work_order.created",
  "work_order.updated",
  "work_order.completed",
];

const WAITING = ["pending", "sending", "retrying", "deferred"];
const DELIVERY_POLL_MS = 2000;

export function Webhooks({ session }: { session: Session }) {
  return (
    <>
      <Subscriptions session={session} />
      <InboundSecrets session={session} />
    </>
  );
}

function Subscriptions({ session }: { session: Session }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<Subscription | "new" | null>(null);
  const [log, setLog] = useState<Subscription | null>(null);
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  const subscriptions = useQuery({
    queryKey: ["webhook-subscriptions"],
    queryFn: ({ signal }) => get("/webhook-subscriptions", { token: session.token, query: { limit: 100 }, signal }),
  });
  const toggle = useMutation({
    mutationFn: (subscription: Subscription) =>
      patch("/webhook-subscriptions/{subscription_id}", {
        token: session.token,
        params: { subscription_id: subscription.id },
        ifMatch: subscription.version,
        body: { is_active: !subscription.is_active },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["webhook-subscriptions"] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      del("/webhook-subscriptions/{subscription_id}", { token: session.token, params: { subscription_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["webhook-subscriptions"] }),
  });
  const items = subscriptions.data?.items ?? [];
  return (
    <section aria-labelledby="hooks-out">
      <div className="list-head">
        <h2 id="hooks-out">{t("ops.hooks.subscriptions")}</h2>
        <button type="button" className="push" onClick={() => setEditing("new")}>
          {t("ops.hooks.new")}
        </button>
      </div>
      {editing !== null && (
        <SubscriptionForm
          session={session}
          subscription={editing === "new" ? null : editing}
          onDone={(created) => {
            setEditing(null);
            if (created?.secret) setShown({ name: created.url, secret: created.secret });
          }}
        />
      )}
      {shown && <ShownOnce name={shown.name} secret={shown.secret} onDone={() => setShown(null)} />}
      <ErrorMessage error={subscriptions.error ?? toggle.error ?? remove.error} />
      {subscriptions.isPending ? (
        <p>{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("ops.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("ops.hooks.url")}</th>
              <th scope="col">{t("ops.hooks.events")}</th>
              <th scope="col">{t("ops.hooks.active")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("ops.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((subscription) => (
              <tr key={subscription.id}>
                <td>
                  {subscription.url}
                  {subscription.description && <div className="muted">{subscription.description}</div>}
                </td>
                <td>{subscription.events.join(", ")}</td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      checked={subscription.is_active}
                      disabled={toggle.isPending}
                      onChange={() => toggle.mutate(subscription)}
                    />
                    <span className="visually-hidden">{t("ops.hooks.active")} </span>
                    {subscription.is_active ? t("ops.hooks.enabled") : t("ops.hooks.disabled")}
                  </label>
                </td>
                <td className="row-actions">
                  {/* Short visible labels (a long URL would widen the table past the screen); the accessible
                      name still says which subscription. */}
                  <button
                    type="button"
                    aria-label={t("ops.hooks.showDeliveries", { url: subscription.url })}
                    onClick={() => setLog(subscription)}
                  >
                    {t("ops.hooks.deliveriesShort")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("ops.hooks.editNamed", { url: subscription.url })}
                    onClick={() => setEditing(subscription)}
                  >
                    {t("ops.hooks.editShort")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("ops.hooks.delete", { url: subscription.url })}
                    onClick={() => remove.mutate(subscription.id)}
                    disabled={remove.isPending}
                  >
                    {t("ops.hooks.deleteShort")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log && <Deliveries session={session} subscription={log} />}
    </section>
  );
}

type FormProps = { session: Session; subscription: Subscription | null; onDone: (created: Subscription | null) => void };

function SubscriptionForm({ session, subscription, onDone }: FormProps) {
  const client = useQueryClient();
  const [url, setUrl] = useState(subscription?.url ?? "");
  const [description, setDescription] = useState(subscription?.description ?? "");
  const [events, setEvents] = useState<Event[]>((subscription?.events as Event[] | undefined) ?? ["ticket.created"]);
  const [active, setActive] = useState(subscription?.is_active ?? true);
  const save = useMutation({
    mutationFn: () =>
      subscription === null
        ? post("/webhook-subscriptions", {
            token: session.token,
            idempotencyKey: crypto.randomUUID(),
            body: { url, description, events, is_active: active },
          })
        : patch("/webhook-subscriptions/{subscription_id}", {
            token: session.token,
            params: { subscription_id: subscription.id },
            ifMatch: subscription.version,
            body: { url, description, events, is_active: active },
          }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ["webhook-subscriptions"] });
      onDone(subscription === null ? saved : null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = subscription === null ? t("ops.hooks.new") : t("ops.hooks.edit", { url: subscription.url });
  return (
    <form aria-label={title} onSubmit={submit} className="panel">
      <h3>{title}</h3>
      <Field label={t("ops.hooks.url")} name="url" type="url" value={url} onChange={setUrl} />
      <Field label={t("ops.hooks.description")} name="description" value={description} onChange={setDescription} required={false} />
      <fieldset>
        <legend>{t("ops.hooks.events")}</legend>
        {EVENTS.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={events.includes(name)}
              onChange={(event) => setEvents(event.target.checked ? [...events, name] : events.filter((e) => e !== name))}
            />
            {name}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
        {t("ops.hooks.active")}
      </label>
      <ErrorMessage error={save.error} />
      <button type="submit" disabled={save.isPending}>
        {t("ops.hooks.save")}
      </button>
      <button type="button" onClick={() => onDone(null)}>
        {t("ops.hooks.cancel")}
      </button>
    </form>
  );
}

function Deliveries({ session, subscription }: { session: Session; subscription: Subscription }) {
  const client = useQueryClient();
  const resend = useMutation({
    // One key per click: a retried request resends once (Idempotency-Key).
    mutationFn: (deliveryId: string) =>
      post("/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/resend", {
        token: session.token,
        params: { subscription_id: subscription.id, delivery_id: deliveryId },
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["webhook-deliveries", subscription.id] }),
  });
  const deliveries = useQuery({
    queryKey: ["webhook-deliveries", subscription.id],
    queryFn: ({ signal }) =>
      get("/webhook-subscriptions/{subscription_id}/deliveries", {
        token: session.token,
        params: { subscription_id: subscription.id },
        query: { limit: 50 },
        signal,
      }),
    // While a delivery waits for the sender (a resend, a retry), its outcome is polled for.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => WAITING.includes(d.status)) ? DELIVERY_POLL_MS : false,
  });
  const items = deliveries.data?.items ?? [];
  return (
    <section aria-labelledby="hooks-log">
      <h3 id="hooks-log">{t("ops.hooks.deliveries", { url: subscription.url })}</h3>
      <ErrorMessage error={deliveries.error ?? resend.error} />
      {resend.data && (
        <p role="status">{t("ops.hooks.resent", { event: resend.data.event })}</p>
      )}
      {deliveries.isPending ? (
        <p>{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("ops.hooks.noDeliveries")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("ops.hooks.event")}</th>
              <th scope="col">{t("ops.hooks.status")}</th>
              <th scope="col">{t("ops.hooks.attempts")}</th>
              <th scope="col">{t("ops.hooks.lastAttempt")}</th>
              <th scope="col">{t("ops.hooks.answer")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("ops.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => (
              <tr key={delivery.id}>
                <td>
                  {delivery.event}
                  {delivery.resend_of && <div className="muted">{t("ops.hooks.resendOf")}</div>}
                </td>
                <td>{delivery.status}</td>
                <td>{delivery.attempts}</td>
                <td>{formatDateTime(delivery.last_attempt_at)}</td>
                <td>{delivery.last_status_code ?? delivery.last_error ?? ""}</td>
                <td className="row-actions">
                  {(delivery.status === "delivered" || delivery.status === "failed") && (
                    <button
                      type="button"
                      disabled={resend.isPending || !subscription.is_active}
                      onClick={() => resend.mutate(delivery.id)}
                    >
                      {t("ops.hooks.resend", {
                        event: delivery.event,
                        time: formatDateTime(delivery.last_attempt_at),
                      })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InboundSecrets({ session }: { session: Session }) {
  const client = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const secrets = useQuery({
    queryKey: ["webhook-secrets"],
    queryFn: ({ signal }) => get("/organization/webhook-secrets", { token: session.token, signal }),
  });
  const rotate = useMutation({
    mutationFn: () => post("/organization/webhook-secrets", { token: session.token, idempotencyKey: crypto.randomUUID() }),
    onSuccess: (created) => {
      setShown(created.secret);
      void client.invalidateQueries({ queryKey: ["webhook-secrets"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      del("/organization/webhook-secrets/{secret_id}", { token: session.token, params: { secret_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["webhook-secrets"] }),
  });
  const items = secrets.data?.items ?? [];
  return (
    <section aria-labelledby="hooks-in">
      <div className="list-head">
        <h2 id="hooks-in">{t("ops.hooks.inbound")}</h2>
        <button type="button" className="push" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
          {t("ops.hooks.rotate")}
        </button>
      </div>
      <p>{t("ops.hooks.inboundHelp")}</p>
      {shown && <ShownOnce name={t("ops.hooks.newSecret")} secret={shown} onDone={() => setShown(null)} />}
      <ErrorMessage error={secrets.error ?? rotate.error ?? revoke.error} />
      {secrets.isPending ? (
        <p>{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("ops.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("ops.hooks.hint")}</th>
              <th scope="col">{t("ops.created")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("ops.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((secret) => (
              <tr key={secret.id}>
                <td>
                  <code>{secret.hint}</code>
                </td>
                <td>{formatDateTime(secret.created_at)}</td>
                <td>
                  <button type="button" onClick={() => revoke.mutate(secret.id)} disabled={revoke.isPending}>
                    {t("ops.hooks.revoke", { hint: secret.hint })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
