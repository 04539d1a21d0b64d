// What the portal shows about its organization: name, language, whether customers may register,
// and the custom fields customers fill in.
export type CustomField = {
  name: string;
  label: string;
  type: "text" | "number" | "boolean" | "choice" | "date";
  required: boolean;
  choices: string[];
};

export type PortalInfo = {
  name: string;
  defaultLanguage: string | null;
  registration: "off" | "open" | "domains";
  customFields: CustomField[];
};

/** The portal's description (provisional: the slug as its name until the API describes it). */
export function usePortalInfo(slug: string): { data: PortalInfo | undefined; error: unknown } {
  return { data: { name: slug, defaultLanguage: null, registration: "off", customFields: [] }, error: null };
}
