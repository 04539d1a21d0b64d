import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveConnection, pollInterval, socketUrl } from "./live";

class FakeSocket {
  static OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function settings(url: string | null) {
  return vi.fn().mockResolvedValue(
    new Response(JSON.stringify({ url, auth_refresh_seconds: 300, max_topics: 10 }), { headers: { "Content-Type": "application/json" } }),
  );
}

async function connected(url: string | null = "/live") {
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("fetch", settings(url));
  const live = new LiveConnection();
  live.add({ topics: ["inbox"], onEvent: () => undefined });
  live.start("secret-token");
  await vi.waitFor(() => expect(FakeSocket.opened.length).toBe(url === null ? 0 : 1));
  return live;
}

afterEach(() => {
  FakeSocket.opened = [];
  vi.unstubAllGlobals();
});

describe("the live-update connection", () => {
  it("opens the API's path on this origin and authenticates with its first message, never in the URL", async () => {
    await connected();
    const socket = FakeSocket.opened[0];
    expect(socket.url).toBe(`ws://${window.location.host}/live`);
    expect(socket.url).not.toContain("secret-token");
    socket.open();
    expect(socket.sent).toEqual([{ action: "auth", token: "secret-token" }]);
  });

  it("watches what the open screens registered and hands each its own topics' events", async () => {
    const live = await connected();
    const socket = FakeSocket.opened[0];
    const ticket = vi.fn();
    const inbox = vi.fn();
    live.add({ topics: ["ticket:T-4"], onEvent: ticket });
    live.add({ topics: ["inbox"], onEvent: inbox });
    socket.open();
    socket.receive({ type: "ready", auth_refresh_seconds: 300, valid_seconds: 600 });
    expect(live.status).toBe("live");
    expect(socket.sent.at(-1)).toEqual({ action: "watch", topics: ["inbox", "ticket:T-4"] });
    socket.receive({ type: "ticket.changed", ticket_number: "T-9", version: 2, topics: ["inbox"] });
    expect(inbox).toHaveBeenCalledTimes(1);
    expect(ticket).not.toHaveBeenCalled();
    live.stop();
  });

  it("stays off when the API has no WebSocket (the screens keep polling)", async () => {
    const live = await connected(null);
    await vi.waitFor(() => expect(live.status).toBe("off"));
  });

  it("does not retry a refusal another attempt would repeat", async () => {
    vi.useFakeTimers();
    try {
      const live = await connected();
      const socket = FakeSocket.opened[0];
      socket.open();
      socket.receive({ type: "error", code: "too_many_connections", message: "close a tab" });
      socket.onclose?.();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(FakeSocket.opened.length).toBe(1);
      expect(live.status).toBe("off");
    } finally {
      vi.useRealTimers();
    }
  });
});

it("opens no connection while no screen watches a topic (a customer's portal)", async () => {
  vi.stubGlobal("WebSocket", FakeSocket);
  const fetch = settings("/live");
  vi.stubGlobal("fetch", fetch);
  const live = new LiveConnection();
  live.start("secret-token");
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(fetch).not.toHaveBeenCalled();
  expect(FakeSocket.opened).toEqual([]);
  live.stop();
});

describe("helpers", () => {
  it("keeps an absolute URL and maps a path to ws or wss by the page's scheme", () => {
    expect(socketUrl("wss://x.example/api", { protocol: "https:", host: "app" })).toBe("wss://x.example/api");
    expect(socketUrl("/live", { protocol: "https:", host: "help.example.com" })).toBe("wss://help.example.com/live");
  });

  it("polls three times slower while live", () => {
    expect(pollInterval("live", 20_000)).toBe(60_000);
    expect(pollInterval("connecting", 20_000)).toBe(20_000);
  });
});
