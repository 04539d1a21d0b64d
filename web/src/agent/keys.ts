// The workspace's keyboard shortcuts: j/k move in the list, Enter opens, x selects, r reply, n note, / search,
// ? help, g then i back to the inbox. Never while the user types in a field, never with Ctrl/Alt/Meta.
export type Shortcut = "next" | "previous" | "open" | "select" | "reply" | "note" | "search" | "help" | "inbox";

/** The shortcuts, in the order the help dialog lists them, with the keys that trigger them. */
export const SHORTCUTS: readonly { action: Shortcut; keys: string }[] = [
  { action: "next", keys: "j" },
  { action: "previous", keys: "k" },
  { action: "open", keys: "Enter" },
  { action: "select", keys: "x" },
  { action: "reply", keys: "r" },
  { action: "note", keys: "n" },
  { action: "search", keys: "/" },
  { action: "help", keys: "?" },
  { action: "inbox", keys: "g i" },
];

const SINGLE: Record<string, Shortcut> = { j: "next", k: "previous", x: "select", r: "reply", n: "note", "/": "search", "?": "help" };
/** How long after `g` an `i` still completes the pair. */
export const CHORD_MS = 1500;

type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey" | "target">;

/** Whether the event comes from somewhere the user types (fields, editable content, a select). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "file"].includes(type);
}

/** A reader of key presses that remembers a pending `g` for the two-key `g i`. */
export function shortcutReader(): (event: KeyLike, now: number) => Shortcut | null {
  let pendingG = -Infinity;
  return (event, now) => {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return null;
    if (event.key === "i" && now - pendingG <= CHORD_MS) {
      pendingG = -Infinity;
      return "inbox";
    }
    pendingG = event.key === "g" ? now : -Infinity;
    if (event.key === "Enter") {
      // Enter on a button or link already does what it says.
      const tag = event.target instanceof HTMLElement ? event.target.tagName : "";
      return tag === "BUTTON" || tag === "A" ? null : "open";
    }
    return SINGLE[event.key] ?? null;
  };
}
