/**
 * The data map's projections: region positions (worldmap.ts, by hand, as the page gets them) are
 * where d3-geo puts them with the views' own projections, and world-map.json is what
 * scripts/world-map.mjs writes from world-atlas (so the shapes and the points agree).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { geoAzimuthalEqualArea, geoMercator } from "d3-geo";
import { describe, expect, it } from "vitest";
import { MAP_VIEWS, pageMapData, projectPoint } from "../../src/reporters/html/worldmap.js";
import { makeDataMap } from "./datamap-fixture.js";

/** Longitude/latitude of regions across the world, as the locations API gives them (src/emulator/locations.ts). */
const PLACES: [number, number][] = [
  [17.14127, 60.67488], // swedencentral
  [13.00073, 55.60587], // swedensouth
  [10.752245, 59.913868], // norwayeast
  [-6.2597, 53.3478], // northeurope
  [-79.8164, 37.3719], // eastus
  [-122.417, 37.783], // westus
  [151.2094, -33.86], // australiaeast
  [139.77, 35.68], // japaneast
  [-46.633, -23.55], // brazilsouth
];

describe("the data map's projections", () => {
  it("puts regions where d3-geo puts them in each view", () => {
    expect(MAP_VIEWS.map((v) => v.id)).toEqual(["europe", "world"]);
    for (const v of MAP_VIEWS) {
      const d3 = v.projection === "mercator" ? geoMercator() : geoAzimuthalEqualArea().rotate([-(v.center?.[0] ?? 0), -(v.center?.[1] ?? 0)]);
      d3.scale(v.scale).translate(v.translate);
      for (const [lon, lat] of PLACES) {
        const want = d3([lon, lat]) as [number, number];
        const got = projectPoint(v, lon, lat);
        expect(got, `${v.id} ${lon},${lat}`).not.toBeNull();
        expect(Math.abs((got?.[0] ?? Number.NaN) - want[0]), `${v.id} x of ${lon},${lat}`).toBeLessThanOrEqual(0.05);
        expect(Math.abs((got?.[1] ?? Number.NaN) - want[1]), `${v.id} y of ${lon},${lat}`).toBeLessThanOrEqual(0.05);
      }
    }
  });

  it("places Sweden Central inside the Europe view and East US outside it, inside the world view", () => {
    const { points, views } = pageMapData(makeDataMap());
    const [europe, world] = views;
    const within = (p: readonly [number, number] | undefined, v: { width: number; height: number } | undefined) =>
      p !== undefined && v !== undefined && p[0] >= 0 && p[0] <= v.width && p[1] >= 0 && p[1] <= v.height;
    expect(within(points.swedencentral?.europe, europe)).toBe(true);
    expect(within(points.eastus?.europe, europe)).toBe(false);
    expect(within(points.eastus?.world, world)).toBe(true);
    // Regions without coordinates have no position: the table lists them.
    expect(Object.keys(points).sort()).toEqual(["eastus", "norwayeast", "swedencentral", "swedensouth", "westeurope"]);
  });

  it("ships the shapes scripts/world-map.mjs writes from world-atlas", async () => {
    const script = join(process.cwd(), "scripts", "world-map.mjs");
    const { buildWorldMap } = (await import(script)) as { buildWorldMap: () => unknown };
    const shipped = JSON.parse(readFileSync(join(process.cwd(), "src", "reporters", "html", "world-map.json"), "utf8"));
    expect(shipped).toEqual(buildWorldMap());
  }, 60_000);
});
