import { describe, expect, it } from "vitest";
import { CHORD_MS, shortcutReader, typing } from "./keys";

function press(key: string, target: EventTarget | null = document.body, modifiers: Partial<KeyboardEvent> = {}) {
  return { key, target, ctrlKey: false, altKey: false, metaKey: false, ...modifiers };
}

describe("keyboard shortcuts", () => {
  it("maps j, k, x, r, n, / and ? outside fields", () => {
    const read = shortcutReader();
    expect(["j", "k", "x", "r", "n", "/", "?", "z"].map((key) => read(press(key), 0))).toEqual(["next", "previous", "select", "reply", "note", "search", "help", null]);
  });

  it("does nothing while the user types or holds a modifier", () => {
    const read = shortcutReader();
    for (const tag of ["input", "textarea", "select"]) {
      expect(read(press("j", document.createElement(tag)), 0)).toBeNull();
    }
    const checkbox = Object.assign(document.createElement("input"), { type: "checkbox" });
    expect(typing(checkbox)).toBe(false);
    expect(read(press("r", document.body, { ctrlKey: true }), 0)).toBeNull();
  });

  it("opens with Enter, except on a button or link that does its own thing", () => {
    const read = shortcutReader();
    expect(read(press("Enter"), 0)).toBe("open");
    expect(read(press("Enter", document.createElement("button")), 0)).toBeNull();
    expect(read(press("Enter", document.createElement("a")), 0)).toBeNull();
  });

  it("goes to the inbox with g then i, in time", () => {
    const read = shortcutReader();
    expect(read(press("g"), 0)).toBeNull();
    expect(read(press("i"), 100)).toBe("inbox");
    expect(read(press("i"), 200)).toBeNull();
    read(press("g"), 1000);
    expect(read(press("i"), 1000 + CHORD_MS + 1)).toBeNull();
    read(press("g"), 5000);
    read(press("j"), 5001);
    expect(read(press("i"), 5002)).toBeNull();
  });
});
