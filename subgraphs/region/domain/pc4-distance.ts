import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Travel distance for matching: the great-circle (haversine) distance between the centroids
 * of two four-digit postcode areas (lib/reference/pc4-centroids.csv, GeoNames CC BY 4.0).
 */
const EARTH_RADIUS_KM = 6371.0088;

let loaded: Map<string, { lat: number; lon: number }> | undefined;

function centroids(): Map<string, { lat: number; lon: number }> {
  if (loaded) return loaded;
  const path = fileURLToPath(new URL('../../../lib/reference/pc4-centroids.csv', import.meta.url));
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const [iPc4, iLat, iLon] = ['pc4', 'latitude', 'longitude'].map((c) => cols.indexOf(c));
  const map = new Map<string, { lat: number; lon: number }>();
  for (const line of lines) {
    const f = line.split(',');
    map.set(f[iPc4], { lat: Number(f[iLat]), lon: Number(f[iLon]) });
  }
  return (loaded = map);
}

export const isKnownPostcode4 = (pc4: string) => centroids().has(pc4);

/** Kilometres in tenths (an integer, so scores never depend on float noise); null when a PC4 is unknown. */
export function distanceTenthsKm(from: string, to: string): number | null {
  const a = centroids().get(from);
  const b = centroids().get(to);
  if (!a || !b) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)) * 10);
}
