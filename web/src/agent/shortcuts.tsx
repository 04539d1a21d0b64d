// Keyboard shortcuts across the workspace: one keydown listener (Workspace) and the screens that
// register what a shortcut does while they are shown (useShortcut).
import { createContext, useContext, useEffect, useRef } from "react";
import type { Shortcut } from "./keys";

export type Handlers = Map<Shortcut, () => void>;
export const ShortcutContext = createContext<Handlers>(new Map());

/** Run `handler` when `action`'s key is pressed, while the calling component is mounted. */
export function useShortcut(action: Shortcut, handler: () => void): void {
  const handlers = useContext(ShortcutContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const run = () => latest.current();
    handlers.set(action, run);
    return () => {
      if (handlers.get(action) === run) handlers.delete(action);
    };
  }, [handlers, action]);
}
