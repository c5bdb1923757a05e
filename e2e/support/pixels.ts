/** Compares two PNG screenshots in the browser's own canvas: how many pixels visibly differ. */
import type { Page } from '@playwright/test';

/** The share (0–1) of pixels whose colour differs by more than `tolerance` in any channel. */
export async function differentPixels(
  page: Page,
  a: Buffer,
  b: Buffer,
  tolerance = 24,
): Promise<number> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [first, second] = await Promise.all([decode(a), decode(b)]);
      if (first.width !== second.width || first.height !== second.height) return 1;
      let different = 0;
      for (let i = 0; i < first.data.length; i += 4) {
        for (let channel = 0; channel < 3; channel++) {
          if (Math.abs(first.data[i + channel]! - second.data[i + channel]!) > tolerance) {
            different++;
            break;
          }
        }
      }
      return different / (first.width * first.height);
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance },
  );
}
