/** Black or white, whichever reads better on `hex` (#RRGGBB), by WCAG relative luminance. */
export function textColorOn(hex: string): '#ffffff' | '#111827' {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return '#ffffff';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  // 0.0623 is the dark text's own luminance + 0.05; white wins ties, it looks more like a brand.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0623 ? '#ffffff' : '#111827';
}
