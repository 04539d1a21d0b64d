// Retention policies, one form per kind of data (If-Match on its version).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { get, put, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";

type Policy = Schemas["RetentionPolicyOut"];

export function Retention({ session }: { session: Session }) {
  const policies = useQuery({
    queryKey: ["retention-policies"],
    queryFn: ({ signal }) => get("/retention-policies", { token: session.token, signal }),
  });
  return (
    <>
      <ErrorMessage error={policies.error} />
      {policies.isPending ? (
        <p>{t("app.loading")}</p>
      ) : (
        policies.data?.items.map((policy) => <PolicyForm key={`${policy.entity}-${policy.version}`} session={session} policy={policy} />)
      )}
    </>
  );
}

function PolicyForm({ session, policy }: { session: Session; policy: Policy }) {
  const client = useQueryClient();
  const [days, setDays] = useState(String(policy.retention_period_days ?? 365));
  const [archive, setArchive] = useState(policy.archive_before_delete);
  const [anonymize, setAnonymize] = useState(policy.anonymize_personal_data);
  const [active, setActive] = useState(policy.configured ? policy.is_active : false);
  const entity = t(`ops.entity.${policy.entity}`);
  const save = useMutation({
    mutationFn: () =>
      put("/retention-policies/{entity}", {
        token: session.token,
        params: { entity: policy.entity },
        ifMatch: policy.version,
        body: { retention_period_days: Number(days), archive_before_delete: archive, anonymize_personal_data: anonymize, is_active: active },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["retention-policies"] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form aria-label={entity} onSubmit={submit} className="panel">
      <h2>
        {entity}
        {!policy.configured && <span className="muted"> · {t("ops.retention.kept")}</span>}
      </h2>
      <label className="field">
        <span>{t("ops.retention.days")}</span>
        <input type="number" min={1} max={36500} required value={days} onChange={(event) => setDays(event.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={archive} onChange={(event) => setArchive(event.target.checked)} />
        {t("ops.retention.archive")}
      </label>
      <label className="check">
        <input type="checkbox" checked={anonymize} onChange={(event) => setAnonymize(event.target.checked)} />
        {t("ops.retention.anonymize")}
      </label>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
        {t("ops.retention.active")}
      </label>
      <ErrorMessage error={save.error} />
      {save.isSuccess && <p role="status">{t("ops.retention.saved")}</p>}
      <button type="submit" disabled={save.isPending}>
        {t("ops.retention.save", { entity })}
      </button>
    </form>
  );
}
