import { describe, expect, it } from 'vitest';
import { findRoleConflict, isRole } from './roles.ts';
import { isSection, SECTION_SENSITIVITY } from './sections.ts';

describe('roles', () => {
  it('recognises only known roles', () => {
    expect(isRole('coach')).toBe(true);
    for (const x of ['root', '__proto__', 'Coach', '', 1]) expect(isRole(x)).toBe(false);
  });

  it('refuses to combine administrator or auditor with any other role', () => {
    expect(findRoleConflict(['administrator', 'coordinator'])).toBe('administrator');
    expect(findRoleConflict(['coach', 'auditor'])).toBe('auditor');
    expect(findRoleConflict(['administrator', 'auditor'])).not.toBeNull();
  });

  it('allows a single exclusive role, and case roles together', () => {
    expect(findRoleConflict(['administrator'])).toBeNull();
    expect(findRoleConflict(['auditor', 'auditor'])).toBeNull();
    expect(findRoleConflict(['coordinator', 'hotline_officer', 'management'])).toBeNull();
  });
});

describe('sections', () => {
  it('ranks protection as the most sensitive section', () => {
    const max = Math.max(...Object.values(SECTION_SENSITIVITY));
    expect(SECTION_SENSITIVITY.protection).toBe(4);
    expect(Object.entries(SECTION_SENSITIVITY).filter(([, level]) => level === max)).toEqual([['protection', 4]]);
  });

  it('recognises only known sections', () => {
    expect(isSection('threat')).toBe(true);
    expect(isSection('address')).toBe(false);
  });
});
