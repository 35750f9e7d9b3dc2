import { describe, expect, it } from 'vitest';
import {
  ACTION_RESOURCE_KIND,
  ACTIONS,
  isAction,
  isSectionAction,
  sectionAction,
  sectionActionParts,
} from './actions.ts';
import { SECTIONS } from './sections.ts';

describe('actions', () => {
  it('has a read and a write action for every section', () => {
    for (const section of SECTIONS) {
      expect(ACTIONS).toContain(`${section}:read`);
      expect(ACTIONS).toContain(`${section}:write`);
    }
  });

  it('names every action <resource>:<verb> and lists none twice', () => {
    for (const action of ACTIONS) expect(action).toMatch(/^[a-z_]+:[a-z_]+$/);
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
  });

  it('gives every action a resource kind', () => {
    expect(Object.keys(ACTION_RESOURCE_KIND).sort()).toEqual([...ACTIONS].sort());
  });

  it('recognises only listed actions', () => {
    expect(isAction('protection:read')).toBe(true);
    for (const x of ['admin:users:read', 'case:delete', 'constructor', '', 42, null, undefined]) {
      expect(isAction(x)).toBe(false);
    }
  });

  it('splits section actions into section and verb, and back', () => {
    expect(isSectionAction('case:read')).toBe(false);
    expect(isSectionAction('threat:write')).toBe(true);
    expect(sectionActionParts('threat:write')).toEqual({ section: 'threat', verb: 'write' });
    expect(sectionAction('economy', 'read')).toBe('economy:read');
  });
});
