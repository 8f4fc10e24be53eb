export interface ArchSpec {
  package: string;
  deb: string;
  rpm: string;
  tarball: string;
  qemu: string | undefined;
}
export declare const ARCHES: Record<'x64' | 'arm64', ArchSpec>;
export interface Runtime extends ArchSpec {
  arch: 'x64' | 'arm64';
  version: string;
  binary: string;
}
export declare function runtime(arch?: 'x64' | 'arm64'): Runtime;
export interface ReleaseLine {
  line: string;
  start: string;
  lts?: string;
  maintenance?: string;
  end: string;
  codename?: string;
}
export declare function releaseLine(version: string): ReleaseLine;
export declare const NODE_FLAGS: readonly string[];
export declare const NODE_ENV_DEFAULTS: Readonly<Record<string, string>>;
export declare function shLauncher(): string;
export declare function cLauncherDefines(): string[];
