// Customers for admins: the list with company, phone and tags, each editable (If-Match), and the
// tier of the customer's user account (its own If-Match).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, get, patch, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { messagesAt } from "../manage/slaForm";
import { TextField } from "./Settings";

type Customer = Schemas["CustomerOut"];
type Tier = Schemas["CustomerTier"];
const TIERS: Tier[] = ["standard", "premium", "vip"];

export function Customers({ session }: { session: Session }) {
  const customers = useQuery({
    queryKey: ["customers"],
    queryFn: ({ signal }) => get("/customers", { token: session.token, signal, query: { limit: 100 } }),
  });
  const [editing, setEditing] = useState<Customer | null>(null);
  if (editing) return <CustomerForm session={session} customer={editing} onDone={() => setEditing(null)} />;
  return (
    <>
      <ErrorMessage error={customers.error} />
      <table>
        <caption className="visually-hidden">{t("admin.nav.customers")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.customers.company")}</th>
            <th scope="col">{t("admin.customers.phone")}</th>
            <th scope="col">{t("admin.customers.tags")}</th>
            <th scope="col">{t("admin.addresses.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {(customers.data?.items ?? []).map((customer) => (
            <tr key={customer.id}>
              <td>{customer.company}</td>
              <td>{customer.phone ?? ""}</td>
              <td>{customer.tags.join(", ")}</td>
              <td>
                <button type="button" onClick={() => setEditing(customer)} aria-label={t("admin.customers.editWho", { company: customer.company || customer.id })}>
                  {t("admin.customers.edit")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CustomerForm({ session, customer, onDone }: { session: Session; customer: Customer; onDone: () => void }) {
  const client = useQueryClient();
  const [company, setCompany] = useState(customer.company);
  const [phone, setPhone] = useState(customer.phone ?? "");
  const [tags, setTags] = useState(customer.tags.join(", "));
  const userId = customer.user_id;
  const account = useQuery({
    queryKey: ["user", userId],
    queryFn: ({ signal }) => get("/users/{user_id}", { token: session.token, params: { user_id: userId ?? "" }, signal }),
    enabled: userId !== null,
  });
  const [tier, setTier] = useState<Tier | "">("");
  const currentTier = account.data?.customer_tier ?? "standard";
  const save = useMutation({
    mutationFn: async () => {
      if (account.data && tier !== "" && tier !== currentTier) {
        await patch("/users/{user_id}", {
          token: session.token,
          params: { user_id: account.data.id },
          ifMatch: account.data.version,
          body: { customer_tier: tier },
        });
      }
      return patch("/customers/{customer_id}", {
        token: session.token,
        params: { customer_id: customer.id },
        ifMatch: customer.version,
        body: {
          company,
          phone: phone.trim() || null,
          tags: tags
            .split(",")
            .map((tag) => tag.trim())
            .filter((tag) => tag !== ""),
        },
      });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["customers"] });
      void client.invalidateQueries({ queryKey: ["user", userId] });
      onDone();
    },
  });
  const details = save.error instanceof ApiError ? save.error.details : [];
  const stale = save.error instanceof ApiError && save.error.status === 412;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t("admin.customers.editing", { company: customer.company || customer.id })}</h2>
      <TextField id="customer-company" label={t("admin.customers.company")} value={company} onChange={setCompany} errors={messagesAt(details, "company")} />
      <TextField id="customer-phone" label={t("admin.customers.phone")} value={phone} onChange={setPhone} errors={messagesAt(details, "phone")} />
      <TextField id="customer-tags" label={t("admin.customers.tags")} value={tags} onChange={setTags} errors={messagesAt(details, "tags")} />
      {account.data && (
        <label className="field">
          <span>{t("admin.customers.tier")}</span>
          <select aria-label={t("admin.customers.tier")} value={tier || currentTier} onChange={(event) => setTier(event.target.value as Tier)}>
            {TIERS.map((value) => (
              <option key={value} value={value}>
                {t(`admin.tier.${value}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {stale ? (
        <p role="alert" className="error">
          {t("admin.settings.stale")}
        </p>
      ) : (
        details.length === 0 && <ErrorMessage error={save.error} />
      )}
      <button type="submit" disabled={save.isPending}>
        {t("admin.settings.save")}
      </button>
      <button type="button" onClick={onDone}>
        {t("admin.customers.cancel")}
      </button>
    </form>
  );
}
