/** A pass-through stream that fails with FILE_TOO_LARGE once more than `maxBytes` went by. */
import { Transform } from 'node:stream';
import { ParleyError } from '@parley/shared';

export function byteLimit(maxBytes: number): Transform & { bytes: () => number } {
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(
          new ParleyError(
            'FILE_TOO_LARGE',
            `This file is larger than the ${formatBytes(maxBytes)} this chat accepts`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  return Object.assign(stream, { bytes: () => seen });
}

/** 10485760 → "10 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
