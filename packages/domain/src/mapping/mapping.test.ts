import { describe, expect, it } from 'vitest';
import { MAPPING_V1 } from './builtin-mapping-v1.ts';
import { diffMappings, isNeedFound, needsByArea, summariseNeeds } from './mapping.ts';

describe('need semantics', () => {
  it('counts an area left out as not yet known, never as no need', () => {
    const summary = summariseNeeds(MAPPING_V1, [
      { areaId: 'housing', need: 'great' },
      { areaId: 'debts', need: 'none' },
    ]);
    expect(summary).toEqual({ none: 1, some: 0, great: 1, not_yet_known: MAPPING_V1.areas.length - 2 });
    expect(needsByArea(MAPPING_V1, []).get('substance_use')).toBe('not_yet_known');
  });

  it('treats not yet known as no need found and no need absent', () => {
    expect(isNeedFound('not_yet_known')).toBe(false);
    expect(isNeedFound('some')).toBe(true);
    expect(isNeedFound('great')).toBe(true);
    expect(isNeedFound('none')).toBe(false);
    const summary = summariseNeeds(MAPPING_V1, [{ areaId: 'housing', need: 'not_yet_known' }]);
    expect(summary.none).toBe(0);
  });
});

describe('diffMappings', () => {
  it('names the need and the text fields that changed, never the text', () => {
    const changes = diffMappings(
      [
        { areaId: 'housing', need: 'great', ownWords: 'Bor hos en vän', obstacles: null },
        { areaId: 'debts', need: 'some', staffWords: 'Skuld 40 000 kr' },
      ],
      [
        { areaId: 'housing', need: 'some', ownWords: 'Bor hos en vän', obstacles: 'Kö till hyresrätt' },
        { areaId: 'debts', need: 'some', staffWords: 'Skuld 40 000 kr' },
        { areaId: 'education', need: 'not_yet_known' },
      ],
    );
    expect(changes).toEqual([{ areaId: 'housing', need: { from: 'great', to: 'some' }, changedFields: ['obstacles'] }]);
    expect(JSON.stringify(changes)).not.toContain('hyresrätt');
  });

  it('sees an area that became known, and one that was dropped, as changes from or to not yet known', () => {
    const changes = diffMappings(
      [{ areaId: 'debts', need: 'great' }],
      [{ areaId: 'housing', need: 'none', ownGoal: 'Eget kontrakt' }],
    );
    expect(changes).toEqual([
      { areaId: 'housing', need: { from: 'not_yet_known', to: 'none' }, changedFields: ['ownGoal'] },
      { areaId: 'debts', need: { from: 'great', to: 'not_yet_known' }, changedFields: [] },
    ]);
  });
});
