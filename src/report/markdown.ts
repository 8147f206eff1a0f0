// Markdown is the one format every readable table is written in: summary.md and the GitHub step
// summary show it as is, and the attachments of the Playwright and Allure reports show it as
// HTML (markdown-it), which both render. Every value comes from a scanned site, so each cell is
// escaped to read literally: no emphasis, link or HTML a hostile page could slip in.
import MarkdownIt from 'markdown-it';
import { markdownTable } from 'markdown-table';
import { oneLine } from '../model/text.ts';

/** Any text as one table cell (or list item) that renders exactly as written. */
export const cell = (text: string): string => oneLine(text).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');

/** A GFM table; cells are escaped here. `aligned` pads columns for people reading the raw text. */
export function table(header: string[], rows: string[][], options: { aligned?: boolean } = {}): string {
  return markdownTable(
    [header, ...rows].map((row) => row.map(cell)),
    { alignDelimiters: options.aligned ?? false },
  );
}

/** A table, or a line saying there is nothing to list. */
export const tableOrNone = (header: string[], rows: string[][], none = '(none)'): string =>
  rows.length > 0 ? table(header, rows) : none;

const renderer = new MarkdownIt({ html: false, linkify: false });

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#1f2328}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f6f8fa}td{overflow-wrap:break-word;max-width:60ch}h1{font-size:18px}h2{font-size:16px;margin-top:20px}h3{font-size:14px}`;

/** A whole HTML page for an attachment (Playwright opens it in a tab, Allure shows it inline). */
export function htmlPage(title: string, markdown: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${renderer.utils.escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body>\n${renderer.render(markdown)}</body></html>\n`;
}
