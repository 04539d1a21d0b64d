// One chart of the reports page: a Chart.js canvas (drawn by the library, no hand-made SVG), the
// same figures as a table behind a toggle, and as a CSV file built in the browser.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useId, useRef, useState } from "react";
import { t } from "../i18n";
import { type Cell, toCsv } from "./csv";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

// Colours with at least 3:1 contrast on white, told apart without colour by the legend and the table.
const COLOURS = ["#1d4ed8", "#b91c1c", "#047857", "#a16207", "#6d28d9", "#be185d"];

export type Series = { label: string; values: (number | null)[] };

type Props = {
  /** Stable name: the element ids and the CSV's file name. */
  name: string;
  title: string;
  kind: "bar" | "line";
  stacked?: boolean;
  /** The first column's heading and the categories (x axis), as shown and as the CSV has them
   * (ISO days, ids: what a spreadsheet can sort); the CSV uses ``labels`` without ``keys``. */
  category: string;
  labels: string[];
  keys?: string[];
  series: Series[];
};

export function ChartCard({ name, title, kind, stacked = false, category, labels, keys, series }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [table, setTable] = useState(false);
  const tableId = useId();
  const headingId = `chart-${name}`;

  useEffect(() => {
    if (canvas.current === null) return;
    const chart = new Chart(canvas.current, {
      type: kind as ChartType,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [kind, stacked, labels, series]);

  const rows: Cell[][] = labels.map((label, i) => [label, ...series.map((s) => s.values[i] ?? null)]);
  const header = [category, ...series.map((s) => s.label)];
  const download = () => {
    const lines: Cell[][] = rows.map((row, i) => [keys?.[i] ?? row[0], ...row.slice(1)]);
    const url = URL.createObjectURL(new Blob([toCsv(header, lines)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${name}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section className="report-card" aria-labelledby={headingId} data-chart={name}>
      <h2 id={headingId}>{title}</h2>
      {labels.length === 0 ? (
        <p>{t("reports.empty")}</p>
      ) : (
        <div className="chart-box">
          <canvas ref={canvas} role="img" aria-label={t("reports.chartOf", { title })}>
            {t("reports.chartOf", { title })}
          </canvas>
        </div>
      )}
      <div className="report-actions">
        <button type="button" aria-expanded={table} aria-controls={tableId} onClick={() => setTable(!table)}>
          {table ? t("reports.hideTable") : t("reports.showTable")}
        </button>
        <button type="button" onClick={download}>
          {t("reports.csv")}
        </button>
      </div>
      <div id={tableId} hidden={!table}>
        {table && (
          <table className="report-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                {header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${labels[i]}-${i}`}>
                  <th scope="row">{row[0]}</th>
                  {row.slice(1).map((cell, j) => (
                    <td key={j}>{cell ?? "–"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
