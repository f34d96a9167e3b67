import { describe, expect, it } from 'vitest';
import { dedupeEntities } from '../../gateway/router/entity-dedupe.ts';

const cat = (code: string) => ({ __typename: 'Category', code });

describe('dedupeEntities', () => {
  it('sends each representation once and answers every occurrence, errors at the first', () => {
    const { request, expand } = dedupeEntities({
      query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Category { name } } }',
      variables: { representations: [cat('a'), cat('b'), cat('a'), cat('c'), cat('b')] },
    });
    expect(request.variables).toEqual({ representations: [cat('a'), cat('b'), cat('c')] });
    const answered = expand({
      data: { _entities: [{ name: 'A' }, { name: 'B' }, null] },
      errors: [{ message: 'no such category', path: ['_entities', 2] }],
    });
    expect(answered).toEqual({
      data: { _entities: [{ name: 'A' }, { name: 'B' }, { name: 'A' }, null, { name: 'B' }] },
      errors: [{ message: 'no such category', path: ['_entities', 3] }],
    });
  });

  it('leaves requests without repeated representations as they are', () => {
    const plain = { query: '{ categories { code } }' };
    expect(dedupeEntities(plain).request).toBe(plain);
    const distinct = { query: 'q', variables: { representations: [cat('a'), cat('b')] } };
    expect(dedupeEntities(distinct).request).toBe(distinct);
  });
});
