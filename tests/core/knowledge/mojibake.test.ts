import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../../electron/core/knowledge/mojibake';
import { readSeed } from './helpers';

// Mac Roman reading of UTF-8 bytes, built independently of the module under test.
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';
function garble(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (b) =>
    b < 0x80 ? String.fromCharCode(b) : MAC_ROMAN_HIGH[b - 0x80],
  ).join('');
}

describe('repairMojibake', () => {
  it('repairs the samples found in the seed', () => {
    expect(repairMojibake('PHASE 2 ‚Äî Databases')).toBe('PHASE 2 — Databases');
    expect(repairMojibake('4‚Äì8 KB')).toBe('4–8 KB');
    expect(repairMojibake('Policies specify ‚ÄúAllow‚Äù or ‚ÄúDeny‚Äù')).toBe('Policies specify “Allow” or “Deny”');
    expect(repairMojibake('the VPC‚Äôs IP address range')).toBe('the VPC’s IP address range');
    expect(repairMojibake('\uf8ffüìå PHASE 3')).toBe('📌 PHASE 3');
  });

  it('repairs any garbled text, not only a fixed table', () => {
    for (const clean of ['café “naïve” — résumé', 'Zürich → 東京 ✓', 'emoji 🚀 and … ellipsis', '½ × ± µs']) {
      expect(repairMojibake(garble(clean))).toBe(clean);
    }
  });

  it('leaves the whole seed free of mojibake sequences', () => {
    const fixed = repairMojibake(readSeed());
    expect(fixed).not.toMatch(/‚Ä|üìå|\uf8ff/);
    expect(fixed).toContain('📌 PHASE 2 — Databases & Storage');
  });

  it('is idempotent and leaves clean text alone', () => {
    const once = repairMojibake(readSeed());
    expect(repairMojibake(once)).toBe(once);
    for (const clean of [
      'Plain ASCII text.',
      'Zürich, café, naïve — “quoted” ‘single’ 4–8 KB',
      'Ä single',
      '—é',
      'Größe © 2024 ™',
    ]) {
      expect(repairMojibake(clean)).toBe(clean);
    }
  });

  it('normalises to NFC', () => {
    expect(repairMojibake('cafe\u0301')).toBe('caf\u00e9');
  });
});
