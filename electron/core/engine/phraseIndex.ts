/** Word-boundary phrase lookup over the notes ("does 'direct connect' occur anywhere?"). */
export class PhraseIndex {
  private text = ' ';

  static normalise(s: string): string {
    return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  }

  add(texts: string[]): void {
    this.text += texts.map(PhraseIndex.normalise).join(' \u0000 ') + ' ';
  }

  has(phrase: string): boolean {
    const p = PhraseIndex.normalise(phrase).trim();
    if (!p) return false;
    // allow a plural on the last word ("local zones" vs "local zone")
    return (
      this.text.includes(` ${p} `) ||
      this.text.includes(` ${p}s `) ||
      (p.endsWith('s') && this.text.includes(` ${p.slice(0, -1)} `))
    );
  }
}
