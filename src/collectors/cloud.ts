/** Azure clouds: ARM and Graph endpoints, token scopes and authority hosts, with endpoint overrides for proxies and emulators. */
import type { CloudSettings } from "./contracts.js";

function cloud(name: string, arm: string, graph: string, authorityHost: string): CloudSettings {
  return { name, armEndpoint: arm, graphEndpoint: graph, armScope: `${arm}/.default`, graphScope: `${graph}/.default`, authorityHost };
}

/** The clouds Hemvist knows, by their Azure CLI names. */
export const CLOUDS: Record<string, CloudSettings> = {
  AzureCloud: cloud("AzureCloud", "https://management.azure.com", "https://graph.microsoft.com", "https://login.microsoftonline.com"),
  AzureChinaCloud: cloud(
    "AzureChinaCloud",
    "https://management.chinacloudapi.cn",
    "https://microsoftgraph.chinacloudapi.cn",
    "https://login.chinacloudapi.cn",
  ),
  // Graph for US Government L4 (GCC High); DoD tenants use dod-graph.microsoft.us via --graph-endpoint.
  AzureUSGovernment: cloud(
    "AzureUSGovernment",
    "https://management.usgovcloudapi.net",
    "https://graph.microsoft.us",
    "https://login.microsoftonline.us",
  ),
};

/**
 * Looks a cloud up by name (case-insensitive) and applies endpoint overrides. Token scopes stay the
 * cloud's: an override (proxy, emulator) changes where requests go, not which audience tokens are for.
 * @param name `AzureCloud`, `AzureChinaCloud` or `AzureUSGovernment`
 * @param overrides endpoints to use instead of the cloud's (trailing slashes removed)
 * @returns the settings; throws for an unknown name
 */
export function resolveCloud(name: string, overrides: { armEndpoint?: string; graphEndpoint?: string } = {}): CloudSettings {
  const key = Object.keys(CLOUDS).find((k) => k.toLowerCase() === name.toLowerCase());
  const base = key ? CLOUDS[key] : undefined;
  if (!base) throw new Error(`Unknown Azure cloud '${name}'. Use one of: ${Object.keys(CLOUDS).join(", ")}.`);
  const trim = (u: string) => u.replace(/\/+$/, "");
  return {
    ...base,
    ...(overrides.armEndpoint ? { armEndpoint: trim(overrides.armEndpoint) } : {}),
    ...(overrides.graphEndpoint ? { graphEndpoint: trim(overrides.graphEndpoint) } : {}),
  };
}
