// Live updates: ONE WebSocket per tab (docs/api.md, "Live updates"). The first message
// authenticates with the session's token (never in the URL), `watch` names the topics the open
// screens registered, and each event (ids and versions only) tells those screens to refetch through
// the API. Reconnects with backoff; while it is down the screens keep polling, as before.
import { useEffect, useRef, useSyncExternalStore } from "react";
import { get } from "./api/client";
import type { Session } from "./session";

export type LiveEvent = {
  type: string;
  topics: string[];
  ticket_number?: string;
  work_order_number?: string;
  version?: number;
  seq?: string;
};
export type LiveStatus = "off" | "connecting" | "live";

type Listener = { topics: readonly string[]; onEvent: (event: LiveEvent) => void };

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
// Refusals that another attempt would only repeat: the screens poll instead.
const FINAL_ERRORS = new Set(["too_many_connections", "invalid_session", "session_expired", "unauthenticated", "invalid_token", "invalid_message"]);
const MAX_TOPICS = 10;

/** The socket's absolute URL: the API's `url` is absolute (deployed) or a path on this origin (local stack). */
export function socketUrl(url: string, location: { protocol: string; host: string }): string {
  if (!url.startsWith("/")) return url;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${url}`;
}

export class LiveConnection {
  private socket: WebSocket | null = null;
  private token: string | null = null;
  private listeners = new Set<Listener>();
  private subscribers = new Set<() => void>();
  private attempt = 0;
  private retryTimer: number | undefined;
  private refreshTimer: number | undefined;
  private refreshSeconds = 300;
  private url: string | null = null;
  private stopped = true;
  status: LiveStatus = "off";

  subscribe = (notify: () => void): (() => void) => {
    this.subscribers.add(notify);
    return () => this.subscribers.delete(notify);
  };

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const notify of this.subscribers) notify();
  }

  /** Start (or keep) the connection for this session's token; it opens once a screen watches a topic
   * (a customer's portal watches none: no connection, no place taken from the organization's cap). */
  start(token: string): void {
    if (this.token === token && !this.stopped) return;
    this.stop();
    this.token = token;
    this.stopped = false;
    if (this.listeners.size > 0) void this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.refreshTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setStatus("off");
  }

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.stopped && this.token !== null && this.socket === null && this.status === "off") void this.open();
    this.sendWatch();
    return () => {
      this.listeners.delete(listener);
      this.sendWatch();
    };
  }

  private topics(): string[] {
    const all = new Set<string>();
    for (const listener of this.listeners) for (const topic of listener.topics) all.add(topic);
    return [...all].slice(0, MAX_TOPICS);
  }

  private sendWatch(): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.status === "live") {
      this.socket.send(JSON.stringify({ action: "watch", topics: this.topics() }));
    }
  }

  private async open(): Promise<void> {
    const token = this.token;
    if (token === null || this.stopped) return;
    this.setStatus("connecting");
    if (this.url === null) {
      try {
        const settings = await get("/live-updates", { token });
        if (settings.url === null || settings.url === undefined) {
          this.stopped = true; // not deployed here: the screens poll
          this.setStatus("off");
          return;
        }
        this.url = socketUrl(settings.url, window.location);
        this.refreshSeconds = settings.auth_refresh_seconds;
      } catch {
        this.retry();
        return;
      }
    }
    if (this.stopped || token !== this.token) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ action: "auth", token }));
    socket.onmessage = (message) => this.receive(socket, String(message.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      window.clearInterval(this.refreshTimer);
      this.retry();
    };
  }

  private receive(socket: WebSocket, data: string): void {
    let event: LiveEvent & { code?: string };
    try {
      event = JSON.parse(data) as LiveEvent & { code?: string };
    } catch {
      return;
    }
    if (event.type === "ready") {
      if (this.status !== "live") {
        this.attempt = 0;
        this.setStatus("live");
        this.sendWatch();
        window.clearInterval(this.refreshTimer);
        // The server's validity is twice this: `auth` again keeps the events coming.
        this.refreshTimer = window.setInterval(() => {
          if (socket.readyState === WebSocket.OPEN && this.token !== null) socket.send(JSON.stringify({ action: "auth", token: this.token }));
        }, this.refreshSeconds * 1000);
      }
      return;
    }
    if (event.type === "error") {
      if (event.code !== undefined && FINAL_ERRORS.has(event.code)) this.stopped = true;
      return;
    }
    if (event.type === "watching") return;
    for (const listener of [...this.listeners]) {
      if (event.topics?.some((topic) => listener.topics.includes(topic))) listener.onEvent(event);
    }
  }

  private retry(): void {
    if (this.stopped) {
      this.setStatus("off");
      return;
    }
    this.setStatus("connecting");
    const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = window.setTimeout(() => void this.open(), wait);
  }
}

const connection = new LiveConnection();

/** The tab's connection state, for the indicator and for slowing the polls down. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(connection.subscribe, () => connection.status);
}

/** Keep the tab's connection open while a signed-in screen is shown. */
export function useLiveConnection(session: Session | null): void {
  const token = session?.token ?? null;
  useEffect(() => {
    if (token === null) {
      connection.stop();
      return;
    }
    connection.start(token);
  }, [token]);
}

/** Call `onEvent` for each event on `topics` while the calling screen is mounted. */
export function useLiveTopics(topics: readonly string[], onEvent: (event: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const key = topics.join(" ");
  useEffect(() => {
    const list = key === "" ? [] : key.split(" ");
    return connection.add({ topics: list, onEvent: (event) => handler.current(event) });
  }, [key]);
}

/** How often a screen polls: slower while live updates arrive, as a fallback only. */
export function pollInterval(status: LiveStatus, base: number): number {
  return status === "live" ? base * 3 : base;
}
