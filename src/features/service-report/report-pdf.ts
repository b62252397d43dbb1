import PDFDocument from 'pdfkit';
import { type FontWeight, splitIntoRuns, subsetFile } from './pdf-fonts';
import type { ReportContent } from './report-content';
import { changeText, gigabytes, minutesText, percent, reportLabels, yuan } from './report-texts';

type Doc = PDFKit.PDFDocument;
type TextOptions = PDFKit.Mixins.TextOptions;

const MARGIN = 48;
const INK = '#1f2933';
const MUTED = '#6b7280';
const ACCENT = '#1f5fbf';

/** An A4 document for reports; the caller pipes it somewhere and adds one section per subscriber. */
export function createReportDocument(title: string): Doc {
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Producer: 'vipdesk', Creator: 'vipdesk' },
  });
}

// Subsets registered with each document (pdfkit keeps fonts per document).
const registered = new WeakMap<Doc, Set<string>>();

function useFont(doc: Doc, key: string, weight: FontWeight): void {
  const name = `noto-${key}-${weight}`;
  let names = registered.get(doc);
  if (!names) {
    names = new Set();
    registered.set(doc, names);
  }
  if (!names.has(name)) {
    doc.registerFont(name, subsetFile(key, weight));
    names.add(name);
  }
  doc.font(name);
}

/**
 * Writes text in Noto Sans SC, one pdfkit call per subset run (pdf-fonts.ts says why), continued so
 * the runs flow as one paragraph. Position (x, y) applies to the first run only.
 */
function write(
  doc: Doc,
  text: string,
  options: TextOptions & { weight?: FontWeight; x?: number; y?: number } = {},
) {
  const { weight = 400, x, y, ...textOptions } = options;
  const runs = splitIntoRuns(text.length > 0 ? text : ' ');
  runs.forEach((run, index) => {
    useFont(doc, run.key, weight);
    const continued = index < runs.length - 1 ? true : (textOptions.continued ?? false);
    if (index === 0 && x !== undefined) doc.text(run.text, x, y, { ...textOptions, continued });
    else doc.text(run.text, { ...textOptions, continued });
  });
}

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6);
  doc.fillColor(ACCENT).fontSize(12.5);
  write(doc, text, { weight: 700, x: MARGIN });
  const y = doc.y + 1;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.6)
    .strokeColor('#c9d6ea')
    .stroke();
  doc.moveDown(0.3);
  doc.fillColor(INK).fontSize(10);
}

function paragraph(doc: Doc, text: string | null): void {
  if (!text) return;
  doc.fillColor(INK).fontSize(10);
  write(doc, text, { x: MARGIN, width: doc.page.width - 2 * MARGIN, lineGap: 2 });
  doc.moveDown(0.25);
}

/** A row of cells at fixed column positions, all on one line. */
function tableRow(
  doc: Doc,
  cells: string[],
  columns: number[],
  options: { weight?: FontWeight; color?: string } = {},
) {
  const y = doc.y;
  const widths = columns.map((x, i) => (columns[i + 1] ?? doc.page.width - MARGIN) - x - 6);
  let bottom = y;
  cells.forEach((cell, i) => {
    doc.fillColor(options.color ?? INK).fontSize(9.5);
    write(doc, cell, {
      x: columns[i] ?? MARGIN,
      y,
      width: widths[i] ?? 100,
      weight: options.weight ?? 400,
      lineBreak: false,
    });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN;
  doc.y = bottom + 3;
}

/** Six months of spend as bars with their values: the report's bill trend, drawn as vectors. */
function billChart(
  doc: Doc,
  months: string[],
  spendFen: (number | null)[],
  lang: ReportContent['lang'],
): void {
  const top = doc.y + 4;
  const height = 110;
  const left = MARGIN + 10;
  const width = doc.page.width - 2 * MARGIN - 20;
  const max = Math.max(1, ...spendFen.map((v) => v ?? 0));
  const slot = width / Math.max(1, months.length);
  doc
    .moveTo(left, top + height)
    .lineTo(left + width, top + height)
    .lineWidth(0.6)
    .strokeColor('#9aa5b1')
    .stroke();
  months.forEach((month, i) => {
    const value = spendFen[i] ?? null;
    const barHeight = value === null ? 0 : (value / max) * (height - 22);
    const x = left + i * slot + slot * 0.25;
    if (value !== null)
      doc
        .rect(x, top + height - barHeight, slot * 0.5, barHeight)
        .fillColor(ACCENT)
        .fill();
    doc.fillColor(INK).fontSize(8);
    write(doc, yuan(value), {
      x: left + i * slot,
      y: top + height - barHeight - 12,
      width: slot,
      align: 'center',
      lineBreak: false,
    });
    const label = monthLabel(month, lang);
    doc.fillColor(MUTED).fontSize(8);
    write(doc, label, {
      x: left + i * slot,
      y: top + height + 4,
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });
  doc.x = MARGIN;
  doc.y = top + height + 20;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(month: string, lang: ReportContent['lang']): string {
  const index = Number(month.slice(5, 7));
  const year = month.slice(2, 4);
  return lang === 'zh-CN' ? `${year}年${index}月` : `${MONTHS_EN[index - 1] ?? month} ${year}`;
}

/** A horizontal bar split by revenue share: voice, data, value-added. */
function mixBar(doc: Doc, content: ReportContent): void {
  const mix = content.usage.mix;
  if (!mix) return;
  const labels = reportLabels(content.lang);
  const y = doc.y + 2;
  const width = doc.page.width - 2 * MARGIN;
  const parts: [string, number, string][] = [
    [labels.voice, mix.voice, '#1f5fbf'],
    [labels.dataRevenue, mix.data, '#3aa76d'],
    [labels.valueAdded, mix.valueAdded, '#e0a100'],
  ];
  let x = MARGIN;
  for (const [label, share, color] of parts) {
    const w = Math.max(0, share) * width;
    if (w > 0) doc.rect(x, y, w, 12).fillColor(color).fill();
    if (w > 60) {
      doc.fillColor('#ffffff').fontSize(8);
      write(doc, `${label} ${percent(share)}`, { x: x + 4, y: y + 2, width: w - 8, lineBreak: false });
    }
    x += w;
  }
  doc.x = MARGIN;
  doc.y = y + 18;
}

/** Draws one subscriber's report from the current position (a fresh page for each subscriber). */
export function drawReport(doc: Doc, content: ReportContent): void {
  const labels = reportLabels(content.lang);
  const s = content.subscriber;
  const u = content.usage;
  doc.fillColor(MUTED).fontSize(9);
  write(doc, content.manager.operatorName, { x: MARGIN, y: MARGIN });
  doc.fillColor(INK).fontSize(20);
  write(doc, content.text.title, { weight: 700, x: MARGIN });
  doc.moveDown(0.3);
  doc.fillColor(MUTED).fontSize(9.5);
  write(
    doc,
    [
      `${labels.subscriber} ${s.nameMasked}`,
      `${labels.number} ${s.msisdnMasked}`,
      `${labels.vipLevel} ${labels.vipLevels[s.vipLevel] ?? s.vipLevel}`,
      `${labels.plan} ${s.planName}`,
      `${labels.city} ${s.city}`,
    ].join('   '),
    { x: MARGIN, width: doc.page.width - 2 * MARGIN },
  );
  doc.moveDown(0.6);
  paragraph(doc, content.text.greeting);

  heading(doc, labels.usage);
  const columns = [MARGIN, MARGIN + 150, MARGIN + 265, MARGIN + 380];
  tableRow(doc, [labels.measure, labels.thisQuarter, labels.previousQuarter, labels.peers], columns, {
    weight: 700,
    color: MUTED,
  });
  const lang = content.lang;
  tableRow(
    doc,
    [
      labels.spend,
      yuan(u.current.spendFen),
      `${yuan(u.previous.spendFen)} (${changeText(lang, u.vsPrevious.spend)})`,
      `${yuan(u.peers.spendFen)} (${changeText(lang, u.vsPeers.spend)})`,
    ],
    columns,
  );
  tableRow(
    doc,
    [
      labels.minutes,
      minutesText(lang, u.current.minutes),
      `${minutesText(lang, u.previous.minutes)} (${changeText(lang, u.vsPrevious.minutes)})`,
      `${minutesText(lang, u.peers.minutes)} (${changeText(lang, u.vsPeers.minutes)})`,
    ],
    columns,
  );
  tableRow(
    doc,
    [
      labels.data,
      gigabytes(u.current.dataMb),
      `${gigabytes(u.previous.dataMb)} (${changeText(lang, u.vsPrevious.dataMb)})`,
      `${gigabytes(u.peers.dataMb)} (${changeText(lang, u.vsPeers.dataMb)})`,
    ],
    columns,
  );
  doc.moveDown(0.3);
  paragraph(doc, content.text.usageSummary);
  mixBar(doc, content);
  paragraph(doc, content.text.mixSummary);
  paragraph(doc, content.text.peerSummary);

  heading(doc, labels.billTrend);
  billChart(doc, content.billTrend.months, content.billTrend.spendFen, lang);

  heading(doc, labels.planAdvice);
  paragraph(doc, content.text.adviceSummary);

  heading(doc, labels.benefits);
  paragraph(doc, content.text.benefitsSummary);

  heading(doc, labels.manager);
  paragraph(
    doc,
    `${labels.managerName}: ${content.manager.displayName ?? labels.none}    ${labels.serviceNumber}: ${content.manager.serviceNumber}`,
  );
  paragraph(doc, content.text.managerLine);
  doc.moveDown(0.4);
  paragraph(doc, content.text.closing);

  doc.fillColor(MUTED).fontSize(7.5);
  // Above the bottom margin: text below it would make pdfkit start a new page.
  write(doc, labels.footer, {
    x: MARGIN,
    y: doc.page.height - MARGIN - 14,
    width: doc.page.width - 2 * MARGIN,
    lineBreak: false,
  });
  doc.x = MARGIN;
}

/** One report as a PDF file in memory (a single report is ~100 KB with its embedded subsets). */
export function renderReportPdf(content: ReportContent): Promise<Buffer> {
  const doc = createReportDocument(content.text.title);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawReport(doc, content);
  doc.end();
  return done;
}
