// The customer portal's and help centre's strings: English, and German with exactly the same keys.
export const portalEn = {} as const;

export const portalDe: Record<keyof typeof portalEn, string> = {};
