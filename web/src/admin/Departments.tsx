// Departments for admins: create one, rename it, add and remove members.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, del, get, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { messagesAt } from "../manage/slaForm";
import { TextField } from "./Settings";

type Department = Schemas["DepartmentOut"];
type User = Schemas["UserOut"];

export function Departments({ session }: { session: Session }) {
  const client = useQueryClient();
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: ({ signal }) => get("/departments", { token: session.token, signal, query: { limit: 100 } }),
  });
  const staff = useQuery({
    queryKey: ["users", false],
    queryFn: ({ signal }) => get("/users", { token: session.token, signal, query: { limit: 100 } }),
  });
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => post("/departments", { token: session.token, idempotencyKey: crypto.randomUUID(), body: { name } }),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: ["departments"] });
    },
  });
  const details = create.error instanceof ApiError ? create.error.details : [];
  const people = (staff.data?.items ?? []).filter((user) => user.role !== "customer");
  return (
    <>
      <ErrorMessage error={departments.error ?? staff.error} />
      {(departments.data?.items ?? []).map((department) => (
        <DepartmentCard key={department.id} session={session} department={department} people={people} />
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <h2>{t("admin.departments.new")}</h2>
        <TextField id="department-name" label={t("admin.departments.name")} value={name} onChange={setName} errors={messagesAt(details, "name")} />
        {details.length === 0 && <ErrorMessage error={create.error} />}
        <button type="submit" disabled={create.isPending}>
          {t("admin.departments.create")}
        </button>
      </form>
    </>
  );
}

function DepartmentCard({ session, department, people }: { session: Session; department: Department; people: User[] }) {
  const client = useQueryClient();
  const [adding, setAdding] = useState("");
  const params = { department_id: department.id };
  const refresh = () => client.invalidateQueries({ queryKey: ["departments"] });
  const add = useMutation({
    mutationFn: (userId: string) =>
      post("/departments/{department_id}/members/{user_id}", { token: session.token, params: { ...params, user_id: userId } }),
    onSuccess: () => {
      setAdding("");
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      del("/departments/{department_id}/members/{user_id}", { token: session.token, params: { ...params, user_id: userId } }),
    onSuccess: () => void refresh(),
  });
  const byId = new Map(people.map((user) => [user.id, user]));
  const label = (id: string) => {
    const user = byId.get(id);
    return user ? `${user.first_name} ${user.last_name}`.trim() || user.email : id;
  };
  const headingId = `department-${department.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{department.name}</h2>
      {department.description && <p>{department.description}</p>}
      <ul>
        {department.members.map((id) => (
          <li key={id}>
            {label(id)}{" "}
            <button type="button" onClick={() => remove.mutate(id)} aria-label={t("admin.departments.removeWho", { name: label(id), department: department.name })}>
              {t("admin.departments.remove")}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-left"
        onSubmit={(event) => {
          event.preventDefault();
          if (adding) add.mutate(adding);
        }}
      >
        <label className="field">
          <span>{t("admin.departments.addTo", { department: department.name })}</span>
          <select aria-label={t("admin.departments.addTo", { department: department.name })} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t("admin.departments.choose")}</option>
            {people
              .filter((user) => !department.members.includes(user.id))
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {label(user.id)}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending || adding === ""}>
          {t("admin.departments.add")}
        </button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
    </section>
  );
}
