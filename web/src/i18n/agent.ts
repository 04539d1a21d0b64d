// The agent workspace's strings: English, and German with exactly the same keys.
export const agentEn = {
  "inbox.title": "Inbox",
  "inbox.subject": "Subject",
  "inbox.status": "Status",
  "inbox.priority": "Priority",
  "inbox.empty": "No tickets.",
  "inbox.signedInAs": "Signed in as {name}",
} as const;

export const agentDe: Record<keyof typeof agentEn, string> = {
  "inbox.title": "Posteingang",
  "inbox.subject": "Betreff",
  "inbox.status": "Status",
  "inbox.priority": "Priorität",
  "inbox.empty": "Keine Tickets.",
  "inbox.signedInAs": "Angemeldet als {name}",
};
