// Seeded generators of hostile input for the boundary fuzz tests: odd strings (huge, unpaired
// surrogates, control characters, bidi overrides), wrong types, nested junk, prototype keys, and
// near-valid payloads for each API call (right shape, junk inside) that get past the schema.
import type { ApiCallName } from '../../electron/shared/api';
import { mulberry32 } from '../../electron/core/util/prng';

export type Rand = () => number;

export class Fuzz {
  readonly rand: Rand;
  constructor(seed: number) {
    this.rand = mulberry32(seed);
  }

  int(max: number): number {
    return Math.floor(this.rand() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  /** A short string of one hostile flavour. */
  string(): string {
    const len = 1 + this.int(40);
    const from = (chars: string) => Array.from({ length: len }, () => chars[this.int(chars.length)]).join('');
    switch (this.int(10)) {
      case 0:
        return '';
      case 1:
        return from('\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0085\u2028\u2029');
      case 2:
        return from('\ud800\udbff\udc00\udfff') + 'x'; // unpaired surrogates: invalid UTF-16
      case 3:
        return from('\u202e\u200b\ufeff\ufffd\u0301') + 'abc';
      case 4:
        return this.pick([
          '__proto__',
          'constructor',
          'prototype',
          'toString',
          'hasOwnProperty',
          '../../etc/passwd',
          'C:\\con',
        ]);
      case 5:
        return this.pick([
          '<script>alert(1)</script>',
          '<img src=x onerror=alert(1)>',
          '[x](javascript:alert(1))',
          '{{7*7}}',
          "'; DROP TABLE x;--",
        ]);
      case 6:
        return from('😀🚀𝔘ñ中文') + ' what is s3';
      case 7:
        return this.pick([
          'what is a VPC?',
          'How does S3 versioning work?',
          'lambda memory',
          'EC2 vs Lambda',
          'nat gateway',
        ]);
      case 8:
        return from('abcdefghijklmnopqrstuvwxyz ');
      default:
        return String(this.rand() * 1e6);
    }
  }

  /** 1–5 MB of text (used sparingly: each one costs time to build and to reject). */
  huge(): string {
    const unit = this.pick(['a', 'é', '\ud83d\ude00', '\u0000', '\ud800']);
    return unit.repeat(Math.floor(((1 + this.rand() * 4) * 1024 * 1024) / unit.length));
  }

  /** Any value a structured clone or JSON can carry, nested up to `depth`. */
  value(depth = 3): unknown {
    const leaf = [
      () => null,
      () => undefined,
      () => this.chance(0.5),
      () => this.pick([0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 1, 1e308]),
      () => this.string(),
      () => BigInt(this.int(1000)),
      () => new Date(this.pick([0, NaN, 8.64e15])),
    ];
    if (depth <= 0 || this.chance(0.4)) return this.pick(leaf)();
    if (this.chance(0.4)) return Array.from({ length: this.int(5) }, () => this.value(depth - 1));
    return this.object(depth - 1);
  }

  /** An object whose keys include prototype-pollution attempts (as own properties, as JSON would make them). */
  object(depth = 2): Record<string, unknown> {
    const out: Record<string, unknown> = this.chance(0.2) ? (Object.create(null) as Record<string, unknown>) : {};
    const n = this.int(5);
    for (let i = 0; i < n; i++) {
      const key = this.chance(0.3) ? this.pick(['__proto__', 'constructor', 'prototype', 'polluted']) : this.string();
      Object.defineProperty(out, key, {
        value: this.value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** Text for a field: mostly short hostile strings, now and then a huge one. */
  text(hugeShare = 0.02): string {
    return this.chance(hugeShare) ? this.huge() : this.string();
  }

  /** A payload for `name`: junk of any type, or the right shape with hostile contents. */
  payload(name: ApiCallName, ids: { section: string; chunk: string }): unknown {
    if (this.chance(0.35)) return this.chance(0.1) ? this.huge() : this.value();
    const t = () => this.text();
    const id = () => (this.chance(0.3) ? this.pick([ids.section, ids.chunk]) : this.string());
    const mutate = (valid: Record<string, unknown>) => {
      // One field swapped for junk, or an extra junk key, now and then.
      if (this.chance(0.3)) valid[this.pick(Object.keys(valid))] = this.value(1);
      if (this.chance(0.2)) Object.defineProperty(valid, '__proto__', { value: { polluted: true }, enumerable: true });
      return valid;
    };
    switch (name) {
      case 'ask':
        return t();
      case 'tutor':
        return mutate(
          this.pick([
            () => ({ cmd: 'start' }),
            () => ({ cmd: 'next' }),
            () => ({ cmd: 'progress' }),
            () => ({ cmd: 'ask', question: t() }),
            () => ({ cmd: 'goto', phaseId: id(), lessonId: id() }),
            () => ({ cmd: 'answer', answer: this.chance(0.5) ? t() : [t(), t()] }),
            () => ({ cmd: 'answer', questionId: id(), answer: t() }),
          ])(),
        );
      case 'bookmarks.add':
        return mutate({
          target: this.pick([
            () => ({ kind: 'section', sectionId: id() }),
            () => ({ kind: 'chunk', chunkId: id() }),
            () => ({
              kind: 'answer',
              answer: { question: t(), markdown: t(), citations: [{ chunkId: id(), headingPath: [t()] }] },
            }),
          ])(),
          note: t(),
        });
      case 'bookmarks.remove':
      case 'learn.remove':
        return id();
      case 'learn.add':
        return mutate({ title: t(), markdown: this.chance(0.5) ? `${t()} Amazon Fuzzbase stores ${t()}.` : t() });
      case 'section':
        return mutate(this.chance(0.5) ? { sectionId: id() } : { chunkId: id() });
      case 'search':
        return mutate({ query: t(), limit: this.pick([1, 8, 50, 0, -1, 1.5, 1e9]) });
      case 'review.due':
        return this.chance(0.3) ? undefined : mutate({ limit: this.pick([1, 20, 100, 0, 101, NaN]) });
      case 'review.answer':
        return mutate({ questionId: id(), answer: t() });
      case 'models.install':
        return mutate({ ids: [this.pick(['Xenova/all-MiniLM-L6-v2', 'Xenova/whisper-tiny.en']), t()] });
      case 'backup.import':
        // Never a valid backup: junk text, or the envelope with junk documents.
        return mutate({
          json: this.chance(0.5)
            ? t()
            : JSON.stringify(
                {
                  format: 'nimbus-backup',
                  version: this.pick([1, 2, 0]),
                  exportedAt: t(),
                  progress: this.value(1),
                  reviews: this.value(1),
                  bookmarks: this.value(1),
                  topics: this.value(1),
                },
                (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
              ),
        });
      default:
        return undefined; // the calls that take no arguments
    }
  }
}
