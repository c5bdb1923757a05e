/**
 * The few globals shared code uses that browsers and Node 20 both have. The package is compiled
 * without DOM or Node types (it must run in both); these are declared here, nowhere else.
 */
declare var crypto: {
  randomUUID?: () => string;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
}
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
