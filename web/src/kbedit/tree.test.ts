import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { treeOrder } from "./KbEdit";

function category(id: string, parent: string | null, order: number): Schemas["CategoryOut"] {
  const at = "2026-01-01T00:00:00.000000Z";
  return { id, name: id, description: "", parent_id: parent, sort_order: order, is_active: true, created_at: at, updated_at: at, version: 1 };
}

describe("treeOrder", () => {
  it("lists parents before their children, siblings by sort order, with depths", () => {
    const rows = treeOrder([category("b", null, 2), category("a", null, 1), category("a2", "a", 1), category("a1", "a", 0)]);
    expect(rows.map((row) => [row.category.id, row.depth])).toEqual([
      ["a", 0],
      ["a1", 1],
      ["a2", 1],
      ["b", 0],
    ]);
  });

  it("shows a category whose parent is gone at the top level", () => {
    expect(treeOrder([category("orphan", "deleted", 0)]).map((row) => row.depth)).toEqual([0]);
  });
});
