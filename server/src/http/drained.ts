import type { Writable } from 'node:stream';

/** Resolves once `stream` can take more (its buffer drained) or is gone (the client left). */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
