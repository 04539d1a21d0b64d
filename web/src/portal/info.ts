// What the portal shows about its organization (GET /portal/{org_slug}): name, language, how
// customers sign in, whether they may register, and the custom fields they fill in.
import { useQuery } from "@tanstack/react-query";
import { get, type Schemas } from "../api/client";

export type PortalInfo = Schemas["PortalOut"];
export type CustomField = Schemas["PortalCustomFieldOut"];

/** The organization's portal description (public; an unknown slug is 404). */
export function usePortalInfo(slug: string) {
  return useQuery({
    queryKey: ["portal", slug, "info"],
    queryFn: ({ signal }) => get("/portal/{org_slug}", { params: { org_slug: slug }, signal }),
    enabled: slug !== "",
    staleTime: 5 * 60_000,
  });
}

/** A custom field's label: its name in words ("contract_id" -> "Contract id"). */
export function fieldLabel(field: CustomField): string {
  const words = field.name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
