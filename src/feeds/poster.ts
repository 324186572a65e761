import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CorridorNotice } from '../domain/corridor-notice.ts';
import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS, SINCE_WORDS, WINDOW_WORDS } from '../domain/notice-words.ts';
import { placeNameOf, publicWordsOf, type ViewForWords } from '../domain/public-text.ts';
import { colourOf, MAP_COLOURS, sketchRoute, type MapCorridor, type Ring } from './route-sketch.ts';
import { INTL_LOCALE, KYIV_ZONE, ZONE_WORDS, instantLong, windowLong, zonesThatDiffer } from '../domain/public-time.ts';

/**
 * The one-page printable poster (A4) for walls where phones and internet are down: status in
 * words and colour first, then the map, where to gather, when (Kyiv time, and Moscow time where it
 * differs), who may go, what to bring, and a QR code to the public page. Vector map, embedded
 * DejaVu fonts (Cyrillic), no network.
 */

/** What a poster is drawn from: a public corridor view. */
export type PosterCorridor = MapCorridor;

export interface PosterInput {
  corridor: PosterCorridor;
  lang: Lang;
  /** The public page in this language, for the QR code. */
  pageUrl: string;
  generatedAt: Date;
  /** Oblast outlines as polygons of rings of [lon, lat]. */
  outlines: readonly Ring[][];
}

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');


const LABELS: Record<Lang, Record<'points' | 'when' | 'who' | 'bring' | 'scan' | 'generated' | 'map', string>> = {
  uk: { points: 'Пункти збору', when: 'Коли', who: 'Хто може їхати', bring: 'Що взяти', scan: 'Актуальний стан:', generated: 'Надруковано', map: 'Маршрут' },
  ru: { points: 'Пункты сбора', when: 'Когда', who: 'Кто может ехать', bring: 'Что взять', scan: 'Актуальное состояние:', generated: 'Напечатано', map: 'Маршрут' },
  en: { points: 'Gathering points', when: 'When', who: 'Who may go', bring: 'What to bring', scan: 'Current status:', generated: 'Printed', map: 'Route' },
};

export async function renderPoster(input: PosterInput): Promise<Buffer> {
  const { corridor, lang } = input;
  const { notice } = corridor;
  const words = publicWordsOf(corridor, lang);
  const status = NOTICE_WORDS[lang][notice.headline];
  const labels = LABELS[lang];
  const colour = colourOf(notice);
  const go = notice.advice !== 'do_not_go';
  const qr = await QRCode.toBuffer(input.pageUrl, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });

  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${words.title} — ${status.label}`, Creator: 'Safe Passage' } });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const M = 36;
  const inner = W - 2 * M;

  // Status band: the words first, large, in the notice's colour.
  doc.rect(0, 0, W, 118).fill(colour);
  // As large as fits on one line: "Призупинено" at 44 pt, a longer label smaller, never cut.
  doc.font('bold');
  let size = 44;
  while (size > 20 && doc.fontSize(size).widthOfString(status.label) > inner) size -= 2;
  doc.fillColor('#ffffff').fontSize(size).text(status.label, M, 22 + (44 - size) / 2, { width: inner, lineBreak: false });
  doc.font('regular').fontSize(15).text(status.advice, M, 74, { width: inner, height: 40 });

  let y = 134;
  doc.fillColor('#111111').font('bold').fontSize(26).text(words.title, M, y, { width: inner });
  y = doc.y + 6;

  // When: the window with its zones, or since when it is suspended or closed.
  doc.font('bold').fontSize(15);
  if (notice.window) {
    const zones = zonesThatDiffer(notice.window.window);
    doc.text(`${WINDOW_WORDS[lang][notice.window.role]}: ${windowLong(notice.window.window, zones[0] ?? KYIV_ZONE, lang)}`, M, y, { width: inner });
    for (const zone of zones.slice(1)) doc.font('regular').fontSize(13).text(`(${windowLong(notice.window.window, zone, lang)})`, { width: inner });
  } else if (notice.since && (notice.headline === 'suspended' || notice.headline === 'closed')) {
    doc.fillColor(colour).text(SINCE_WORDS[lang][notice.headline].replace('{{since}}', instantLong(notice.since, KYIV_ZONE, lang)), M, y, { width: inner });
  }
  y = doc.y + 12;

  // Map on the left, gathering points beside it.
  const mapBox = { x: M, y, w: 320, h: 330 };
  drawMap(doc, input, mapBox);
  const colX = M + mapBox.w + 16;
  const colW = W - M - colX;
  doc.fillColor('#111111').font('bold').fontSize(15).text(labels.points, colX, y, { width: colW });
  for (const [i, g] of words.gatheringPoints.entries()) {
    doc.fillColor(go ? colour : MAP_COLOURS.muted).font('bold').fontSize(13).text(`${i + 1}. ${g.name}`, colX, doc.y + 4, { width: colW, strike: !go });
    if (g.address) doc.fillColor('#333333').font('regular').fontSize(12).text(g.address, colX, doc.y, { width: colW });
  }
  y = Math.max(doc.y, mapBox.y + mapBox.h) + 14;

  const section = (title: string, body: string) => {
    if (!body) return;
    doc.fillColor('#111111').font('bold').fontSize(16).text(title, M, y, { width: inner });
    doc.font('regular').fontSize(14).text(body, M, doc.y + 2, { width: inner });
    y = doc.y + 10;
  };
  section(labels.who, words.eligibility);
  section(labels.bring, words.whatToBring);
  if (!go) {
    doc.fillColor(colour).font('bold').fontSize(20).text(status.advice, M, y, { width: inner });
    y = doc.y + 10;
  }

  // Footer: QR code to the public page and when this was printed, so an old poster shows its age.
  const footerY = doc.page.height - 130;
  doc.moveTo(M, footerY - 8).lineTo(W - M, footerY - 8).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.image(qr, M, footerY, { width: 110, height: 110 });
  doc.fillColor('#111111').font('bold').fontSize(13).text(labels.scan, M + 124, footerY + 14, { width: inner - 124 });
  doc.font('regular').fontSize(14).text(input.pageUrl, M + 124, doc.y + 2, { width: inner - 124 });
  const printed = new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone: KYIV_ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(input.generatedAt);
  doc.fillColor('#444444').fontSize(11).text(`${labels.generated}: ${printed} ${ZONE_WORDS[lang].kyiv.long}`, M + 124, doc.y + 8, { width: inner - 124 });

  doc.end();
  return done;
}

function drawMap(doc: PDFKit.PDFDocument, input: PosterInput, box: { x: number; y: number; w: number; h: number }): void {
  const s = sketchRoute(input.corridor, input.lang, input.outlines, { width: box.w, height: box.h });
  const at = ([x, y]: [number, number]): [number, number] => [box.x + x, box.y + y];
  const trace = (points: readonly [number, number][]) => points.forEach((p, i) => (i === 0 ? doc.moveTo(...at(p)) : doc.lineTo(...at(p))));
  doc.save();
  doc.rect(box.x, box.y, box.w, box.h).fillAndStroke('#eef3f7', '#888888');
  doc.rect(box.x, box.y, box.w, box.h).clip();
  for (const ring of s.outlines) {
    trace(ring);
    doc.closePath();
  }
  if (s.outlines.length > 0) doc.lineWidth(0.6).fillAndStroke('#ffffff', '#9aa5b1');
  for (const town of s.towns) doc.circle(...at(town), 2.5).fill('#555555');
  if (s.route.length > 1) {
    trace(s.route);
    doc.lineWidth(5).lineCap('round').lineJoin('round');
    if (!s.go) doc.dash(8, { space: 6 });
    doc.strokeColor(s.go ? s.colour : MAP_COLOURS.muted).stroke();
    doc.undash();
  }
  for (const end of s.ends) doc.circle(...at(end), 6).lineWidth(2).fillAndStroke('#ffffff', '#111111');
  for (const { at: mark, n } of s.points) {
    const [x, y] = at(mark);
    doc.circle(x, y, 8).fill(s.go ? s.colour : MAP_COLOURS.muted);
    doc.fillColor('#ffffff').font('bold').fontSize(10).text(String(n), x - 4, y - 6, { width: 8, align: 'center', lineBreak: false });
  }
  for (const label of s.labels) {
    doc.font(label.bold ? 'bold' : 'regular').fontSize(label.size);
    const w = doc.widthOfString(label.text);
    // The sketch estimates widths; the PDF knows them, so a long name is kept inside the frame.
    const [x, y] = at([Math.max(2, Math.min(label.x, box.w - w - 4)), label.y]);
    doc.rect(x - 2, y - label.size + 1, w + 4, label.size + 3).fill('#ffffff');
    doc.fillColor('#111111').text(label.text, x, y - label.size + 2, { lineBreak: false });
  }
  doc.restore();
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(1).strokeColor('#888888').stroke();
}
