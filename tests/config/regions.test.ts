import { describe, expect, it } from "vitest";
import { m365GeoPlace } from "../../src/config/m365-geos.js";
import { BUILTIN_REGIONS, legalRegime, regionCountry } from "../../src/config/regions.js";

describe("legal regime of a region's country", () => {
  it("places real regions in their regime", () => {
    const cases: [string, string | undefined, string][] = [
      ["swedencentral", "SE", "sweden"],
      ["Sweden South", "SE", "sweden"],
      ["germanywestcentral", "DE", "eu"],
      ["northeurope", "IE", "eu"],
      ["westeurope", "NL", "eu"],
      ["polandcentral", "PL", "eu"],
      ["norwayeast", "NO", "eea"],
      ["norwaywest", "NO", "eea"],
      ["uksouth", "GB", "adequacy"],
      ["switzerlandnorth", "CH", "adequacy"],
      ["japaneast", "JP", "adequacy"],
      ["koreacentral", "KR", "adequacy"],
      ["israelcentral", "IL", "adequacy"],
      ["canadacentral", "CA", "adequacy"],
      ["newzealandnorth", "NZ", "adequacy"],
      ["eastus", "US", "us-dpf"],
      ["West US 3", "US", "us-dpf"],
      ["taiwannorth", "TW", "third-country"],
      ["taiwannorthwest", "TW", "third-country"],
      ["brazilsouth", "BR", "third-country"],
      ["centralindia", "IN", "third-country"],
      ["eastasia", "HK", "third-country"],
      ["southeastasia", "SG", "third-country"],
      ["uaenorth", "AE", "third-country"],
      ["qatarcentral", "QA", "third-country"],
      ["australiaeast", "AU", "third-country"],
      ["southafricanorth", "ZA", "third-country"],
      ["global", undefined, "unknown"],
      ["europe", undefined, "unknown"],
      ["marsnorth", undefined, "unknown"],
    ];
    for (const [region, country, regime] of cases) {
      expect(regionCountry(region), region).toBe(country);
      expect(legalRegime(regionCountry(region)), region).toBe(regime);
    }
  });

  it("gives every country code its regime; a code that is no country is unknown", () => {
    const cases: [string | undefined, string][] = [
      ["SE", "sweden"],
      ["se", "sweden"],
      ["FI", "eu"],
      ["GR", "eu"],
      ["CY", "eu"],
      ["IS", "eea"],
      ["LI", "eea"],
      ["AD", "adequacy"],
      ["AR", "adequacy"],
      ["FO", "adequacy"],
      ["GG", "adequacy"],
      ["IM", "adequacy"],
      ["JE", "adequacy"],
      ["UY", "adequacy"],
      ["US", "us-dpf"],
      ["CN", "third-country"],
      ["RU", "third-country"],
      ["BR", "third-country"],
      ["XX", "unknown"],
      ["EU", "unknown"],
      ["", "unknown"],
      [undefined, "unknown"],
      ["SWE", "unknown"],
    ];
    for (const [country, regime] of cases) expect(legalRegime(country), String(country)).toBe(regime);
  });

  it("knows the country of every built-in region", () => {
    for (const r of BUILTIN_REGIONS) expect(legalRegime(r.country), r.name).not.toBe("unknown");
  });

  it("places Microsoft 365 geos", () => {
    expect(m365GeoPlace("SWE")).toEqual({ country: "SE" });
    expect(m365GeoPlace("nor")).toEqual({ country: "NO" });
    expect(m365GeoPlace("GBR")).toEqual({ country: "GB" });
    expect(m365GeoPlace("NAM")).toEqual({ country: "US" });
    expect(m365GeoPlace("EUR")).toEqual({ regime: "eu" });
    expect(m365GeoPlace("APC")).toEqual({ regime: "third-country" });
    expect(m365GeoPlace("XYZ")).toEqual({});
  });
});
