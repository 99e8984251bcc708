import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { derivedIds } from '#core/store/derived-ids.ts';

const NAMESPACE = '9b2e6f14-3a7c-4d58-b1e0-2f8c5a6d7e91';

describe('derived ids', () => {
  it('are the name-based UUIDs of their names, remembered or worked out again past the bound', () => {
    const ids = derivedIds(NAMESPACE, 2);
    const names = ['rule:incident:1', 'rule:incident:2', 'rule:incident:3', 'rule:incident:1'];
    expect(names.map(ids)).toEqual(names.map((name) => uuidv5(name, NAMESPACE)));
    expect(ids('a')).not.toBe(ids('b'));
  });
});
