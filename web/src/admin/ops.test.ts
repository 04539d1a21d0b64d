import { describe, expect, it } from "vitest";
import { auditQuery } from "./Audit";
import { ApiError } from "../api/client";
import { confirmed, runningExport } from "./Privacy";
import { linesOf, mappingOf } from "./Sso";
import { endOfDay } from "./Tokens";

describe("the admins' pages' helpers", () => {
  it("sends only the audit filters that are set, as whole UTC days", () => {
    expect(auditQuery({ from: "", to: "", action: " " })).toEqual({});
    expect(auditQuery({ from: "2026-11-01", to: "2026-11-30", action: " webhook_secret.created " })).toEqual({
      from: "2026-11-01T00:00:00Z",
      to: "2026-11-30T23:59:59Z",
      action: "webhook_secret.created",
    });
  });

  it("lets an erasure start only when the person's address is typed", () => {
    expect(confirmed("", "ann@example.com")).toBe(false);
    expect(confirmed("ann@example.co", "ann@example.com")).toBe(false);
    expect(confirmed(" Ann@Example.com ", "ann@example.com")).toBe(true);
  });

  it("follows the running organization export a 409 names, and nothing else", () => {
    const detail = { field: null, message: "running", type: "conflict" };
    const running = new ApiError(409, { code: "export_running", message: "", details: [{ ...detail, export_id: "E-1" }] });
    expect(runningExport(running)).toBe("E-1");
    expect(runningExport(new ApiError(409, { code: "export_running", message: "", details: [] }))).toBeNull();
    expect(runningExport(new ApiError(409, { code: "stale_version", message: "", details: [{ ...detail, export_id: "E-1" }] }))).toBeNull();
    expect(runningExport(new Error("network"))).toBeNull();
  });

  it("makes a token expire at the end of the chosen day, or never", () => {
    expect(endOfDay("")).toBeNull();
    expect(endOfDay("2027-01-31")).toBe("2027-01-31T23:59:59Z");
  });
});

describe("the single sign-on form's role mapping", () => {
  it("reads claim = role lines and writes them back", () => {
    const mapping = mappingOf("helpdesk-admins = admin\n\nno role here\nteam=leads = manager\n");
    expect(mapping).toEqual({ "helpdesk-admins": "admin", "team=leads": "manager" });
    expect(linesOf(mapping)).toBe("helpdesk-admins = admin\nteam=leads = manager");
  });
});
