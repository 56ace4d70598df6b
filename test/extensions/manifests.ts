import { XMLParser } from 'fast-xml-parser';

/**
 * Checks of each host's manifest against the fields that host requires, from
 * docs/hosts/premiere-uxp.md §1, cep.md §1 and §3, resolve.md §9. Each returns the problems it
 * found, as sentences; an empty list means the manifest is complete.
 */

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['Extension', 'Host', 'Parameter', 'Locale', 'RequiredRuntime'].includes(name) });

export function parseXml(text: string): Record<string, unknown> {
  return xml.parse(text) as Record<string, unknown>;
}

/** `a` compared with `b` as dotted versions (`25.6.0` vs `25.10`): negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const SEMVER = /^\d+\.\d+\.\d+$/;
const REVERSE_DNS = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/i;

export interface UxpManifest {
  readonly manifestVersion?: unknown;
  readonly id?: unknown;
  readonly name?: unknown;
  readonly version?: unknown;
  readonly main?: unknown;
  readonly host?: unknown;
  readonly entrypoints?: readonly { type?: unknown; id?: unknown; label?: unknown }[];
}

export function uxpManifestProblems(m: UxpManifest): string[] {
  const p: string[] = [];
  if (m.manifestVersion !== 5) p.push(`manifestVersion is ${String(m.manifestVersion)}, Premiere takes 5`);
  if (typeof m.id !== 'string' || m.id === '') p.push('id is missing');
  if (typeof m.name !== 'string' || m.name === '') p.push('name is missing');
  if (typeof m.version !== 'string' || !SEMVER.test(m.version)) p.push(`version "${String(m.version)}" is not major.minor.patch`);
  // A .ccx targets exactly one host: an object, not the array UDT accepts during development.
  const host = m.host as { app?: unknown; minVersion?: unknown } | undefined;
  if (!host || Array.isArray(host) || typeof host !== 'object') p.push('host must be one object');
  else {
    if (host.app !== 'premierepro') p.push(`host.app is ${String(host.app)}, not premierepro`);
    if (typeof host.minVersion !== 'string' || !SEMVER.test(host.minVersion) || compareVersions(host.minVersion, '25.6.0') < 0) {
      p.push(`host.minVersion ${String(host.minVersion)} is below 25.6.0, the first Premiere with UXP`);
    }
  }
  const panels = (m.entrypoints ?? []).filter((e) => e.type === 'panel');
  if (panels.length === 0) p.push('no panel entrypoint');
  for (const e of m.entrypoints ?? []) {
    if (e.type !== 'panel' && e.type !== 'command') p.push(`entrypoint type ${String(e.type)} is neither panel nor command`);
    if (typeof e.id !== 'string' || e.id === '') p.push('an entrypoint has no id');
    if (e.label === undefined) p.push(`entrypoint ${String(e.id)} has no label`);
  }
  return p;
}

export function uxpPanelIds(m: UxpManifest): string[] {
  return (m.entrypoints ?? []).filter((e) => e.type === 'panel').map((e) => String(e.id));
}

/** CEP: what the panel's CSXS/manifest.xml must say for Premiere, and the files it points at. */
export interface CepManifestFacts {
  readonly bundleId: string;
  readonly extensionIds: readonly string[];
  readonly hostVersion: string;
  readonly csxs: string;
  readonly mainPath: string;
  readonly scriptPath?: string;
}

export function cepManifestFacts(text: string): { facts?: CepManifestFacts; problems: string[] } {
  const p: string[] = [];
  const doc = parseXml(text);
  const root = doc['ExtensionManifest'] as Record<string, unknown> | undefined;
  if (!root) return { problems: ['the root element is not ExtensionManifest'] };
  const version = String(root['@Version'] ?? '');
  if (!/^\d+\.\d+$/.test(version) || compareVersions(version, '5.0') < 0) p.push(`ExtensionManifest Version ${version} is below 5.0 (HTML extensions)`);
  const bundleId = String(root['@ExtensionBundleId'] ?? '');
  if (!REVERSE_DNS.test(bundleId)) p.push('ExtensionBundleId is missing');
  if (!root['@ExtensionBundleVersion']) p.push('ExtensionBundleVersion is missing');
  const list = ((root['ExtensionList'] as { Extension?: Record<string, unknown>[] } | undefined)?.Extension ?? []).map((e) => String(e['@Id'] ?? ''));
  if (list.length === 0) p.push('ExtensionList has no Extension');
  for (const id of list) if (!id.startsWith(`${bundleId}.`)) p.push(`extension id ${id} is not inside the bundle ${bundleId}`);
  const env = root['ExecutionEnvironment'] as Record<string, Record<string, Record<string, unknown>[]>> | undefined;
  const ppro = env?.['HostList']?.['Host']?.find((h) => h['@Name'] === 'PPRO');
  const hostVersion = String(ppro?.['@Version'] ?? '');
  if (!ppro) p.push('HostList has no Host Name="PPRO"');
  else if (!/^[[(]\d+(\.\d+)?,\d+(\.\d+)?[\])]$/.test(hostVersion)) p.push(`PPRO Version "${hostVersion}" is not a range such as [14.4,99.9]`);
  const csxs = String(env?.['RequiredRuntimeList']?.['RequiredRuntime']?.find((r) => r['@Name'] === 'CSXS')?.['@Version'] ?? '');
  if (!csxs) p.push('RequiredRuntimeList has no CSXS runtime');
  const dispatch = ((root['DispatchInfoList'] as { Extension?: Record<string, unknown>[] } | undefined)?.Extension ?? []);
  const ours = dispatch.find((d) => list.includes(String(d['@Id'])));
  if (!ours) p.push('DispatchInfoList has no Extension whose Id is in the ExtensionList');
  const info = ours?.['DispatchInfo'] as Record<string, Record<string, unknown>> | undefined;
  const mainPath = String(info?.['Resources']?.['MainPath'] ?? '');
  const scriptPath = info?.['Resources']?.['ScriptPath'];
  if (!mainPath) p.push('DispatchInfo has no Resources/MainPath');
  const ui = info?.['UI'] as Record<string, Record<string, Record<string, unknown>>> | undefined;
  const size = ui?.['Geometry']?.['Size'];
  // CEP 9 and later refuse a panel without a size.
  if (!size?.['Height'] || !size['Width']) p.push('UI/Geometry/Size needs Height and Width');
  if (p.length > 0) return { problems: p };
  return { facts: { bundleId, extensionIds: list, hostVersion, csxs, mainPath, ...(typeof scriptPath === 'string' ? { scriptPath } : {}) }, problems: [] };
}

export function cepDebugProblems(text: string, extensionId: string): string[] {
  const p: string[] = [];
  const exts = ((parseXml(text)['ExtensionList'] as { Extension?: Record<string, unknown>[] } | undefined)?.Extension ?? []);
  const ours = exts.find((e) => e['@Id'] === extensionId);
  if (!ours) return [`.debug names no extension ${extensionId}`];
  const host = ((ours['HostList'] as { Host?: Record<string, unknown>[] } | undefined)?.Host ?? []).find((h) => h['@Name'] === 'PPRO');
  const port = Number(host?.['@Port']);
  if (!host) p.push('.debug has no PPRO host');
  else if (!Number.isInteger(port) || port < 1024 || port > 65534) p.push(`.debug port ${String(host['@Port'])} is outside 1024-65534`);
  return p;
}

/** Resolve Workflow Integration: BlackmagicDesign/Plugin with its five documented fields. */
export function resolveManifestFacts(text: string): { facts?: { id: string; name: string; version: string; filePath: string }; problems: string[] } {
  const plugin = (parseXml(text)['BlackmagicDesign'] as { Plugin?: Record<string, unknown> } | undefined)?.Plugin;
  if (!plugin) return { problems: ['the manifest is not BlackmagicDesign/Plugin'] };
  const p: string[] = [];
  const field = (name: string) => (typeof plugin[name] === 'string' ? (plugin[name] as string).trim() : '');
  for (const name of ['Id', 'Name', 'Version', 'Description', 'FilePath']) if (!field(name)) p.push(`Plugin/${name} is missing`);
  if (field('Id') && !REVERSE_DNS.test(field('Id'))) p.push(`Plugin/Id ${field('Id')} is not reverse-DNS`);
  if (p.length > 0) return { problems: p };
  return { facts: { id: field('Id'), name: field('Name'), version: field('Version'), filePath: field('FilePath') }, problems: [] };
}
