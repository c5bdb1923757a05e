import { describe, expect, it } from 'vitest';
import { foldForSearch, matchRanges } from './search-fold';

describe('search folding', () => {
  it('drops case and accents in the widget languages', () => {
    expect(foldForSearch('Zielińska')).toBe('zielinska');
    expect(foldForSearch('Nguyễn Đức Thắng')).toBe('nguyen duc thang');
    expect(foldForSearch('ȘTEFĂNESCU Țară')).toBe('stefanescu tara');
    expect(foldForSearch('Łódź')).toBe('lodz');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Salamat po!')).toBe('salamat po!');
  });

  it('finds the ranges to highlight in the original text', () => {
    const text = 'Pani Zielińska pyta o rachunek. ZIELIŃSKA!';
    expect(matchRanges(text, 'zielinska').map(([a, b]) => text.slice(a, b))).toEqual([
      'Zielińska',
      'ZIELIŃSKA',
    ]);
    expect(matchRanges(text, 'rach').map(([a, b]) => text.slice(a, b))).toEqual(['rach']);
    expect(matchRanges(text, '  ')).toEqual([]);
    expect(matchRanges('Đơn hàng 🎉 đã giao', 'don hang')).toEqual([[0, 8]]);
    expect(matchRanges('🎉 Straße', 'strasse')).toEqual([[3, 9]]);
  });
});
