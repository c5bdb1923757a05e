/** The part of fs-native-extensions (holepunchto) that the data-directory lock uses. */
declare module 'fs-native-extensions' {
  /** Takes an exclusive (or `shared`) lock on the file; false when another holder has it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  /** Releases a lock taken on `fd`. */
  export function unlock(fd: number): void;
}
