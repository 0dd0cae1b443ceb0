import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../electron/core/retrieval/lexicalIndex';
import { termModelOf } from '../../../electron/core/engine/termModel';

function model() {
  const lex = new LexicalIndex();
  lex.add([
    { id: 'a', text: 'DynamoDB tables use a partition key and an optional sort key.', headingPath: ['DynamoDB'] },
    { id: 'b', text: 'Memory allocation for a function; GPU instances for training.', headingPath: ['Lambda'] },
    { id: 'c', text: 'Another doc about memory.', headingPath: ['Other'] },
  ]);
  return { lex, terms: termModelOf(lex) };
}

describe('termModelOf', () => {
  it('resolves exact terms, plurals the stemmer keeps, typos and shortened names', () => {
    const { terms } = model();
    const r = (w: string): string | null => terms.resolve(terms.analyze(w)[0]);
    expect(r('memory')).toBe(terms.analyze('memory')[0]);
    expect(r('gpus')).toBe(terms.analyze('gpu')[0]);
    expect(r('memmory')).toBe(terms.analyze('memory')[0]);
    expect(r('dynamo')).toBe(terms.analyze('dynamodb')[0]);
    expect(r('sourdough')).toBeNull();
  });

  it('weights rare terms above common ones', () => {
    const { terms } = model();
    expect(terms.weight(terms.analyze('partition')[0])).toBeGreaterThan(terms.weight(terms.analyze('memory')[0]));
  });

  it('forgets cached resolutions when the vocabulary changes', () => {
    const { lex, terms } = model();
    const athena = terms.analyze('athena')[0];
    expect(terms.resolve(athena)).toBeNull();
    lex.add([{ id: 'd', text: 'Athena queries S3 with SQL.', headingPath: ['Athena'] }]);
    terms.forget();
    expect(terms.resolve(athena)).toBe(athena);
  });
});
