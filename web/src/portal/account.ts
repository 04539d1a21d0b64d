// Who is looking at a portal: nobody (the anonymous help centre), a customer of this organization,
// or a session that belongs elsewhere (staff, or a customer of another organization), which the
// portal treats as anonymous: its requests pages ask this organization's customers to sign in.
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { get } from "../api/client";
import { getSession, type Session, subscribe } from "../session";

export type Account =
  | { kind: "anonymous" }
  | { kind: "loading" }
  | { kind: "customer"; session: Session }
  | { kind: "elsewhere"; session: Session };

/** The caller's organization (its slug and name), once per token. */
export function useMe(session: Session | null) {
  return useQuery({
    queryKey: ["me", session?.token],
    queryFn: ({ signal }) => get("/auth/me", { token: session?.token, signal }),
    enabled: session !== null,
    staleTime: Infinity,
  });
}

/** This tab's session (re-rendering when it starts or ends). */
export function useCurrentSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}

/** The account as seen by the portal of `slug`. */
export function useAccount(slug: string): Account {
  const session = useCurrentSession();
  const me = useMe(session);
  if (session === null) return { kind: "anonymous" };
  if (session.user.role !== "customer") return { kind: "elsewhere", session };
  if (me.data === undefined) return me.isError ? { kind: "elsewhere", session } : { kind: "loading" };
  return me.data.organization.slug === slug.toLowerCase() ? { kind: "customer", session } : { kind: "elsewhere", session };
}
