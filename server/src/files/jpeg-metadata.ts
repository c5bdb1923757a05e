/**
 * Removes what a photo says about where and by whom it was taken before it is stored: the EXIF
 * and XMP block (APP1: GPS position, camera serial, time), IPTC (APP13), APP12 and comments.
 * The picture itself is not decoded or re-encoded; the orientation tag alone is kept (in a new,
 * minimal EXIF block), so a phone photo still shows upright. Colour profiles (APP2) and the
 * JFIF/Adobe headers (APP0, APP14) stay. Streams segment by segment; everything from the start
 * of the scan on is copied as it comes.
 */
import { Transform, type TransformCallback } from 'node:stream';

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const DROPPED = new Set([APP1, 0xec, 0xed, 0xfe]);
const ORIENTATION_TAG = 0x0112;

/** The EXIF orientation (1–8) in an APP1 payload, or null when it has none. */
function orientationOf(payload: Buffer): number | null {
  if (payload.length < 14 || payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  try {
    const ifd = u32(4);
    const count = u16(ifd);
    for (let entry = 0; entry < count; entry++) {
      const at = ifd + 2 + entry * 12;
      if (u16(at) !== ORIENTATION_TAG) continue;
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  } catch {
    // A truncated or lying EXIF block: it goes, and with it any orientation.
  }
  return null;
}

/** An APP1 segment that holds nothing but the orientation. */
function orientationSegment(orientation: number): Buffer {
  const segment = Buffer.alloc(36);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(34, 2);
  segment.write('Exif\0\0MM\0*', 4, 'latin1');
  segment.writeUInt32BE(8, 14); // IFD0 right after the TIFF header
  segment.writeUInt16BE(1, 18); // one entry
  segment.writeUInt16BE(ORIENTATION_TAG, 20);
  segment.writeUInt16BE(3, 22); // SHORT
  segment.writeUInt32BE(1, 24); // one value
  segment.writeUInt16BE(orientation, 28);
  segment.writeUInt32BE(0, 32); // no next IFD
  return segment;
}

/** A stream that passes a JPEG through without its metadata (see the file comment). */
export function jpegWithoutMetadata(): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let inScan = false;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (inScan) return done(null, chunk);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const out: Buffer[] = [];
      let at = 0;
      if (!started) {
        if (pending.length < 2) return done();
        if (pending[0] !== 0xff || pending[1] !== SOI) return done(new Error('not a JPEG'));
        out.push(pending.subarray(0, 2));
        at = 2;
        started = true;
      }
      for (;;) {
        if (pending.length - at < 4) break;
        if (pending[at] !== 0xff) return done(new Error('damaged JPEG: expected a marker'));
        const marker = pending[at + 1]!;
        if (marker === 0xff) {
          at += 1; // fill byte
          continue;
        }
        if (marker === SOS) {
          out.push(pending.subarray(at));
          inScan = true;
          at = pending.length;
          break;
        }
        const length = pending.readUInt16BE(at + 2);
        if (length < 2) return done(new Error('damaged JPEG: bad segment length'));
        if (pending.length - at < 2 + length) break;
        const segment = pending.subarray(at, at + 2 + length);
        if (!DROPPED.has(marker)) out.push(segment);
        else if (marker === APP1) {
          const orientation = orientationOf(segment.subarray(4));
          if (orientation !== null && orientation !== 1) out.push(orientationSegment(orientation));
        }
        at += 2 + length;
      }
      pending = pending.subarray(at);
      done(null, Buffer.concat(out));
    },
    flush(done: TransformCallback) {
      // A JPEG that ends before its scan is damaged; what came of it is passed on as it was.
      done(null, pending.length > 0 ? pending : undefined);
    },
  });
}
